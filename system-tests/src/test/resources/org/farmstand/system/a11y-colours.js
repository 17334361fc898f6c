// Colour arithmetic shared by a11y-audit.js and a11y-focus.js (AccessibilityIT puts it in front of each): CSS
// colours parsed, layered, and compared by WCAG's relative luminance and contrast ratio.
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
