/*! Guizhou resumption map — host-page script for embeds. Include once, anywhere on the page:
 *    <script src="https://…/embed.js" async></script>
 *  It resizes every iframe of the map to the height the map asks for. The map (inside its iframe)
 *  posts {type: "guizhou-map:height", height: <CSS pixels>, version: 1} to its parent whenever its
 *  height changes; this script sets that iframe's height and answers {type: "guizhou-map:resizing",
 *  version: 1}, so that the map lays itself out at its natural height (without an answer it fits
 *  itself into the iframe's fixed height). Only messages from one of this page's own iframes are
 *  honoured, and heights are clamped to 200–10000 px. No globals besides a guard flag, no styles,
 *  no other effects. */
(function () {
  'use strict';
  if (window.__guizhouMapEmbed) return;
  window.__guizhouMapEmbed = true;
  var answered = typeof WeakSet === 'function' ? new WeakSet() : null;
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'guizhou-map:height' || typeof data.height !== 'number' || !isFinite(data.height)) return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.round(Math.max(200, Math.min(10000, data.height))) + 'px';
        if (!answered || !answered.has(event.source)) {
          if (answered) answered.add(event.source);
          event.source.postMessage({ type: 'guizhou-map:resizing', version: 1 }, '*');
        }
      }
    }
  });
})();
