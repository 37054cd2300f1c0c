/*! Guizhou resumption map — host-page script for embeds. Include once, anywhere on the page:
 *    <script src="https://…/embed.js" async></script>
 *  It resizes every iframe of the map to the height the map asks for. The map (inside its iframe)
 *  posts {type: "guizhou-map:height", height: <CSS pixels>, version: 1} to its parent whenever its
 *  height changes; this script sets that iframe's height and answers {type: "guizhou-map:resizing",
 *  version: 1}, so that the map lays itself out at its natural height (without an answer it fits
 *  itself into the iframe's fixed height); it answers {type: "guizhou-map:hello"}, which the map
 *  sends as it starts, the same way. Only messages from one of this page's own iframes are
 *  honoured, and heights are clamped to 200–10000 px. No globals besides a guard flag, no styles,
 *  no other effects. */
(function () {
  'use strict';
  if (window.__guizhouMapEmbed) return;
  window.__guizhouMapEmbed = true;
  var answered = typeof WeakSet === 'function' ? new WeakSet() : null;
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data) return;
    var hello = data.type === 'guizhou-map:hello';
    if (!hello && (data.type !== 'guizhou-map:height' || typeof data.height !== 'number' || !isFinite(data.height))) return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        // A map starting in its frame asks first (hello): answered at once, it lays itself out at
        // its natural height from its first frame, and its height changes once.
        if (!hello) frames[i].style.height = Math.round(Math.max(200, Math.min(10000, data.height))) + 'px';
        // Every hello (a map that starts again in the same frame asks again), and a frame's first
        // height (a map that did not ask, or asked before this script was there).
        if (hello || !answered || !answered.has(event.source)) {
          if (answered && !hello) answered.add(event.source);
          event.source.postMessage({ type: 'guizhou-map:resizing', version: 1 }, '*');
        }
      }
    }
  });
})();
