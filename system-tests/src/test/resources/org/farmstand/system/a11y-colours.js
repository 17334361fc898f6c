// Colour arithmetic shared by a11y-audit.js and a11y-focus.js (AccessibilityIT puts it in front of each): CSS
// colours parsed, layered, and compared by WCAG's relative luminance and contrast ratio; the colour behind an element.
const rgba = value => {
    const m = /rgba?\(([^)]+)\)/.exec(value || '');
    if (!m) {
        return null;
    }
    const p = m[1].split(/[\s,\/]+/).filter(x => x).map(parseFloat);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
};
const over = (top, below) => ({r: top.r * top.a + below.r * (1 - top.a), g: top.g * top.a + below.g * (1 - top.a),
    b: top.b * top.a + below.b * (1 - top.a), a: 1});
const luminance = c => [c.r, c.g, c.b].map(v => v / 255)
        .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4))
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
const contrast = (a, b) => {
    const la = luminance(a);
    const lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
};
const hex = c => '#' + [c.r, c.g, c.b].map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
// The colour behind an element, its own background included: the first opaque background colour up the tree with the
// translucent ones above it blended in, white if none. With imagesStop, null where a background image is behind it
// (the audit does not judge text over an image; the focus check measures against the colour regardless).
const backdrop = (start, imagesStop) => {
    const layers = [];
    for (let e = start; e && e.nodeType === Node.ELEMENT_NODE; e = e.parentElement) {
        const style = getComputedStyle(e);
        if (imagesStop && style.backgroundImage && style.backgroundImage !== 'none') {
            return null;
        }
        const c = rgba(style.backgroundColor);
        if (c && c.a > 0) {
            layers.push(c);
            if (c.a >= 1) {
                break;
            }
        }
    }
    let color = {r: 255, g: 255, b: 255, a: 1};
    for (let i = layers.length - 1; i >= 0; i--) {
        color = over(layers[i], color);
    }
    return color;
};
