// Accessibility audit of the current page, run by AccessibilityIT through executeScript.
// arguments[0]: the language the page must declare ("de", "en"); arguments[1]: "layout" for the page-overflow rule
// alone (the page at a narrow width). Returns a list of {rule, element}.
// The rules are documented in AccessibilityIT's Javadoc; keep the two in step.
const lang = arguments[0];
const layoutOnly = arguments[1] === 'layout';
const violations = [];
const snippet = el => {
    if (!el || !el.outerHTML) {
        return String(el);
    }
    const html = el.outerHTML.replace(/\s+/g, ' ');
    return html.length > 300 ? html.substring(0, 300) + '…' : html;
};
const report = (rule, el, detail) => violations.push({rule: rule, element: (detail ? detail + ': ' : '') + snippet(el)});
const text = s => (s || '').replace(/\s+/g, ' ').trim();

// rendered for assistive technology: takes up boxes (display:none has none), not visibility:hidden, not under
// aria-hidden="true". Visually hidden content (clip, 1px boxes) counts as rendered: screen readers read it.
const rendered = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden'
        && !el.closest('[aria-hidden="true"]');

const labelledBy = el => {
    const ids = text(el.getAttribute('aria-labelledby'));
    if (!ids) {
        return '';
    }
    return text(ids.split(' ').map(id => document.getElementById(id)).map(ref => ref ? ref.textContent : '').join(' '));
};
// text content as the accessible name computation sees it: aria-hidden parts left out, alt of images counted
const contentText = el => {
    let s = '';
    el.childNodes.forEach(n => {
        if (n.nodeType === Node.TEXT_NODE) {
            s += n.textContent;
        } else if (n.nodeType === Node.ELEMENT_NODE && n.getAttribute('aria-hidden') !== 'true'
                && getComputedStyle(n).display !== 'none') {
            if (n.tagName === 'IMG') {
                s += ' ' + (n.getAttribute('alt') || '') + ' ';
            } else if (n.getAttribute('aria-label') && n.hasAttribute('role')) {
                s += ' ' + n.getAttribute('aria-label') + ' ';
            } else {
                s += ' ' + contentText(n) + ' ';
            }
        }
    });
    return text(s);
};
const labelText = el => el.labels ? text(Array.from(el.labels).map(l => contentText(l)).join(' ')) : '';
const controlName = el => labelledBy(el) || text(el.getAttribute('aria-label')) || labelText(el)
        || text(el.getAttribute('title'));

// 12. no sideways scrolling: the page is no wider than the window (the narrowest elements sticking out are named)
const page = document.documentElement;
if (page.scrollWidth > page.clientWidth + 1) {
    const sticking = Array.from(document.body.querySelectorAll('*')).filter(el => rendered(el)
            && el.getBoundingClientRect().right > page.clientWidth + 1
            && !Array.from(el.children).some(child => child.getBoundingClientRect().right > page.clientWidth + 1));
    (sticking.length ? sticking.slice(0, 3) : [document.body.cloneNode(false)]).forEach(el => report('page-overflow',
            el, 'page ' + page.scrollWidth + ' px wide in a window of ' + page.clientWidth + ' px'));
}
if (layoutOnly) {
    return violations;
}
// 1. <html lang> equal to the page's language
const htmlLang = document.documentElement.getAttribute('lang');
if (!htmlLang || htmlLang.split('-')[0].toLowerCase() !== lang) {
    report('html-lang', document.documentElement.cloneNode(false), 'expected lang="' + lang + '"');
}
// 2. a non-empty title
if (!text(document.title)) {
    report('document-title', document.querySelector('title') || document.head.cloneNode(false));
}
// 3. exactly one h1
const h1s = Array.from(document.querySelectorAll('h1')).filter(rendered);
if (h1s.length !== 1) {
    report('one-h1', h1s[1] || document.body.cloneNode(false), h1s.length + ' rendered h1');
}
h1s.filter(h => !contentText(h)).forEach(h => report('one-h1', h, 'empty h1'));
// 4. exactly one main landmark
const mains = Array.from(document.querySelectorAll('main, [role="main"]')).filter(rendered);
if (mains.length !== 1) {
    report('main-landmark', mains[1] || document.body.cloneNode(false), mains.length + ' main landmarks');
}
// 5. form controls have an accessible name
const NO_NAME_NEEDED = ['hidden', 'submit', 'button', 'image', 'reset'];
const WIDGET_ROLES = ['textbox', 'searchbox', 'combobox', 'listbox', 'spinbutton', 'checkbox', 'radio', 'switch', 'slider'];
const controls = Array.from(document.querySelectorAll('input, select, textarea, [role]')).filter(el => {
    if (el.tagName === 'INPUT') {
        return !NO_NAME_NEEDED.includes((el.getAttribute('type') || 'text').toLowerCase());
    }
    if (el.tagName === 'SELECT' || el.tagName === 'TEXTAREA') {
        return true;
    }
    return WIDGET_ROLES.includes(el.getAttribute('role')) && el.tabIndex >= 0;
});
controls.filter(rendered).filter(el => !controlName(el)).forEach(el => report('control-name', el));
// 5b. labels point at something they can label, and ARIA name and description references exist
const LABELABLE = 'input:not([type="hidden"]), select, textarea, button, meter, output, progress';
document.querySelectorAll('label[for]').forEach(el => {
    const target = document.getElementById(el.htmlFor);
    if (!target) {
        report('label-for', el, 'no element with id "' + el.htmlFor + '"');
    } else if (!target.matches(LABELABLE)) {
        report('label-for', el, 'labels a ' + target.tagName.toLowerCase() + ', which cannot be labelled');
    }
});
document.querySelectorAll('[aria-labelledby], [aria-describedby]').forEach(el => {
    ['aria-labelledby', 'aria-describedby'].forEach(attr => text(el.getAttribute(attr)).split(' ')
            .filter(id => id && !document.getElementById(id))
            .forEach(id => report('aria-reference', el, attr + ' "' + id + '" does not exist')));
});
// 5c. no names on generic elements: aria-label and aria-labelledby on a div, span or p without a role are ignored
// (ARIA 1.2 prohibits naming them), so what they say never reaches a screen reader.
// Exemption: PrimeFaces' paginator sets aria-label on its inner div from its own script; the paginator itself has
// role="navigation", which is what screen readers announce.
document.querySelectorAll('div[aria-label], span[aria-label], p[aria-label], div[aria-labelledby],'
        + ' span[aria-labelledby], p[aria-labelledby]').forEach(el => {
    if (!el.hasAttribute('role') && rendered(el)
            && !(el.matches('.ui-paginator-center-content') && el.parentElement.matches('.ui-paginator[role="navigation"]'))) {
        report('generic-name', el, 'a name on an element without a role is ignored');
    }
});
// 6. images have alt; image buttons a non-empty one
document.querySelectorAll('img:not([alt])').forEach(el => report('img-alt', el));
document.querySelectorAll('input[type="image"]').forEach(el => {
    if (!text(el.getAttribute('alt'))) {
        report('img-alt', el, 'image button without alt');
    }
});
// 7. links and buttons have an accessible name; no href="#" links that do nothing
const actions = Array.from(document.querySelectorAll('a[href], button, input[type="submit"], input[type="button"],'
        + ' input[type="reset"], [role="button"], [role="link"]')).filter(rendered);
actions.forEach(el => {
    let name = labelledBy(el) || text(el.getAttribute('aria-label')) || text(el.getAttribute('title'));
    if (!name && el.tagName === 'INPUT') {
        name = text(el.value);
    } else if (!name) {
        name = contentText(el);
    }
    if (!name) {
        report('action-name', el);
    }
});
document.querySelectorAll('a[href="#"]').forEach(el => {
    if (rendered(el) && !el.hasAttribute('role') && !el.hasAttribute('onclick')) {
        report('href-hash', el, 'link to "#" without a role or an onclick');
    }
});
// 8. unique ids, no positive tabindex
const seen = new Map();
document.querySelectorAll('[id]').forEach(el => {
    if (el.id) {
        if (seen.has(el.id)) {
            if (seen.get(el.id) !== 'reported') {
                report('duplicate-id', el, 'id "' + el.id + '"');
                seen.set(el.id, 'reported');
            }
        } else {
            seen.set(el.id, el);
        }
    }
});
document.querySelectorAll('[tabindex]').forEach(el => {
    if (parseInt(el.getAttribute('tabindex'), 10) > 0) {
        report('positive-tabindex', el);
    }
});
// 9. field errors: the invalid control says so (aria-invalid), and its message is announced or attached
const described = new Set();
controls.forEach(el => text(el.getAttribute('aria-describedby')).split(' ').filter(id => id).forEach(id => described.add(id)));
const live = el => el.closest('[role="alert"], [role="status"], [aria-live]:not([aria-live="off"])');
document.querySelectorAll('.field-error, .ui-message-error').forEach(el => {
    if (rendered(el) && !live(el) && !(el.id && described.has(el.id))) {
        report('error-message', el, 'field error neither in a live region nor referenced by aria-describedby');
    }
});
controls.filter(el => el.matches('.field.invalid *, .ui-state-error, .ui-state-error *')).forEach(el => {
    if (el.getAttribute('aria-invalid') !== 'true' && rendered(el)) {
        report('aria-invalid', el, 'control marked invalid without aria-invalid="true"');
    }
});
// 10. keyboard: elements with an onclick handler attribute are focusable and announced as something to use
const INTERACTIVE = 'a[href], button, input, select, textarea, summary, label, option';
document.querySelectorAll('[onclick]').forEach(el => {
    if (!el.matches(INTERACTIVE) && (!el.hasAttribute('role') || !el.hasAttribute('tabindex'))) {
        report('click-not-focusable', el, 'onclick on an element that is not focusable or has no role');
    }
});
// 11. text contrast (WCAG 1.4.3): every visible text 4.5:1 against what is behind it, large text (24 px, or 18.66 px
// bold) 3:1. The text colour is blended by its opacity and its ancestors'; the background is the first opaque
// background colour up the tree with the translucent ones above it blended in (white if none). Not checked: text
// over a background image, disabled controls (exempt), visually hidden text (not seen).
// rgba, over, luminance, contrast, hex, backdrop: a11y-colours.js
const opacity = el => {
    let o = 1;
    for (let e = el; e && e.nodeType === Node.ELEMENT_NODE; e = e.parentElement) {
        o *= parseFloat(getComputedStyle(e).opacity);
    }
    return o;
};
// seen on the screen (aria-hidden text is seen too)
const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
const seenText = el => {
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1 && !el.closest('.visually-hidden, .ui-helper-hidden-accessible');
};
const disabled = el => el.closest(':disabled, [aria-disabled="true"], .ui-state-disabled');
Array.from(document.body.querySelectorAll('*')).filter(el => (Array.from(el.childNodes)
        .some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim())
        || el.matches('input[type="submit"], input[type="button"]')) && visible(el) && seenText(el) && !disabled(el)
        && !['SCRIPT', 'STYLE', 'NOSCRIPT', 'OPTION', 'TITLE'].includes(el.tagName)).forEach(el => {
    const style = getComputedStyle(el);
    const bg = backdrop(el, true);
    const fg = rgba(style.color);
    if (!bg || !fg) {
        return;
    }
    const text = over({r: fg.r, g: fg.g, b: fg.b, a: fg.a * opacity(el)}, bg);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && parseInt(style.fontWeight, 10) >= 700);
    const ratio = contrast(text, bg);
    if (ratio < (large ? 3 : 4.5) - 0.005) {
        report('text-contrast', el, hex(text) + ' on ' + hex(bg) + ' is ' + ratio.toFixed(2) + ':1');
    }
});
return violations;
