// Focus visibility of the element that has the keyboard focus, run by AccessibilityIT after each Tab key.
// Returns null when nothing on the page has the focus, else {key, violation}: key names the element (to stop once
// the Tab key comes round again), violation is null or {rule, element} (rule focus-visible, see AccessibilityIT).
// The indicator is the outline and the box-shadows (spread of 2 px or more) of the focused element, or for a
// PrimeFaces widget whose focus sits in a visually hidden input, of the widget marked .ui-state-focus. It passes
// when one of its colours contrasts 3:1 with the background around the element and, for a two-colour ring, its two
// colours 3:1 with each other; the browser's own ring (outline-style auto) passes.
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) {
    return null;
}
// a ring that fades in (PrimeFaces' buttons have a transition on box-shadow) is measured as it ends up
document.getAnimations().forEach(animation => animation.finish());
const snippet = e => {
    const html = e.outerHTML.replace(/\s+/g, ' ');
    return html.length > 300 ? html.substring(0, 300) + '…' : html;
};
const key = (el.id || '') + '|' + snippet(el);
// rgba, over, luminance, contrast, hex, backdrop: a11y-colours.js
const tiny = e => {
    const r = e.getBoundingClientRect();
    return r.width <= 1 || r.height <= 1;
};
let target = el;
if (tiny(el) || el.closest('.ui-helper-hidden-accessible')) {
    target = el.closest('.ui-state-focus')
            || (el.closest('.ui-widget') && el.closest('.ui-widget').querySelector('.ui-state-focus'));
}
if (!target) {
    return {key: key, violation: {rule: 'focus-visible', element: 'no visible element shows the focus: ' + snippet(el)}};
}
const style = getComputedStyle(target);
if (style.outlineStyle === 'auto') {
    return {key: key, violation: null};
}
const bg = backdrop(target.parentElement);
const rings = [];
if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) {
    const c = rgba(style.outlineColor);
    if (c && c.a > 0) {
        rings.push(over(c, bg));
    }
}
// box-shadow: "rgb(255, 255, 255) 0px 0px 0px 6px, …" as Chrome computes it
(style.boxShadow === 'none' ? [] : style.boxShadow.split(/,(?![^(]*\))/)).forEach(shadow => {
    if (/inset/.test(shadow)) {
        return;
    }
    const c = rgba(shadow);
    const lengths = shadow.replace(/rgba?\([^)]*\)/, '').trim().split(/\s+/).map(parseFloat);
    if (c && c.a > 0 && lengths.length >= 4 && lengths[3] >= 2) {
        rings.push(over(c, bg));
    }
});
const around = rings.map(c => contrast(c, bg));
const ok = rings.length > 0 && Math.max(...around) >= 3
        && (rings.length < 2 || contrast(rings[0], rings[1]) >= 3);
return {key: key, violation: ok ? null : {rule: 'focus-visible', element: (rings.length
        ? rings.map(hex).join(' + ') + ' on ' + hex(bg) + ': ' + around.map(r => r.toFixed(2) + ':1').join(', ')
        : 'no outline or ring') + ': ' + snippet(target)}};
