/* Open Model Share: resizes embedded widgets from their height messages. No dependencies.
   <script src=".../embed.js" data-origin="https://widgets.example.org" async></script>
   (data-origin is optional: when set, messages from any other origin are ignored). */
(function (s) {
  var o = s && s.getAttribute('data-origin');
  addEventListener('message', function (e) {
    var d = e.data, f, i, h;
    if ((o && e.origin !== o) || !d || d.type !== 'open-model-share:height' || d.version !== 1) return;
    h = d.height;
    if (!(h === Math.floor(h) && h > 0 && h < 1e5)) return;
    f = document.getElementsByTagName('iframe');
    for (i = 0; i < f.length; i++) {
      if (f[i].contentWindow === e.source) {
        f[i].style.height = h + 'px';
        return;
      }
    }
  });
})(document.currentScript);
