// html-safety-check: parses an exported HTML file the way a browser does (parse5, the WHATWG
// parsing algorithm) and prints, as JSON, everything in it that could run script or load
// something: script elements, event-handler attributes, style attributes, javascript: /
// vbscript: / data: URLs in any attribute (data:image/... in <img src> excepted), elements that
// embed or redirect, images that are not data: URIs, and the text of every <style>.
//
//     node html-safety-check.mjs FILE [PARSE5]
//
// PARSE5: parse5's ESM entry (dist/index.js); else $KEEL_PARSE5; else
// $KEEL_MCP_SERVERS_DIR/node_modules/parse5/dist/index.js.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const file = process.argv[2];
const parse5Path = process.argv[3]
    || process.env.KEEL_PARSE5
    || (process.env.KEEL_MCP_SERVERS_DIR
        && join(process.env.KEEL_MCP_SERVERS_DIR, 'node_modules', 'parse5', 'dist', 'index.js'));
if (!file || !parse5Path) {
    console.error('usage: node html-safety-check.mjs FILE [PARSE5]');
    process.exit(2);
}
const { parse } = await import(pathToFileURL(parse5Path).href);
const document = parse(readFileSync(file, 'utf8'));

// What a browser compares a URL's scheme against: no control characters or whitespace at
// all (they are dropped around and, tab and newline, inside it), lower case.
const cleaned = (value) => value.replace(/[\u0000-\u0020\u007f-\u009f\s\u200b-\u200f\u2028\u2029\ufeff]/g, '')
    .toLowerCase();

const embedding = new Set(['iframe', 'object', 'embed', 'base', 'link', 'frame', 'frameset',
    'applet', 'svg', 'math', 'form', 'portal']);

const report = {
    scripts: 0,
    eventHandlers: [],
    styleAttributes: 0,
    badUrls: [],
    forbiddenElements: [],
    remoteImages: [],
    styles: [],
    scriptTextNodes: 0, // text nodes in <body> that show "<script" (content kept, as text)
    elements: 0,
};

const textOf = (node) => (node.childNodes || [])
    .map((child) => (child.nodeName === '#text' ? child.value : textOf(child))).join('');

const walk = (node, inStyle, inBody) => {
    if (node.nodeName === '#text') {
        if (inBody && !inStyle && /<script/i.test(node.value))
            report.scriptTextNodes += 1;
        return;
    }
    if (node.tagName) {
        report.elements += 1;
        const tag = node.tagName.toLowerCase();
        const attrs = node.attrs || [];
        const attr = (name) => attrs.find((a) => a.name.toLowerCase() === name);
        if (tag === 'script')
            report.scripts += 1;
        if (embedding.has(tag))
            report.forbiddenElements.push(tag);
        if (tag === 'meta') {
            const equiv = attr('http-equiv');
            if (equiv && cleaned(equiv.value) === 'refresh')
                report.forbiddenElements.push('meta refresh');
        }
        if (tag === 'style')
            report.styles.push(textOf(node));
        for (const { name, value } of attrs) {
            const lower = name.toLowerCase();
            if (lower.startsWith('on'))
                report.eventHandlers.push(`${tag}[${name}]`);
            if (lower === 'style')
                report.styleAttributes += 1;
            const url = cleaned(value);
            const imageData = tag === 'img' && lower === 'src' && url.startsWith('data:image/');
            if (url.startsWith('javascript:') || url.startsWith('vbscript:')
                || (url.startsWith('data:') && !imageData))
                report.badUrls.push(`${tag}[${name}]=${value.slice(0, 80)}`);
        }
        if (tag === 'img') {
            const src = attr('src');
            if (!src || !cleaned(src.value).startsWith('data:image/'))
                report.remoteImages.push(src ? src.value.slice(0, 80) : '(no src)');
        }
    }
    const tag = node.tagName ? node.tagName.toLowerCase() : '';
    const style = inStyle || tag === 'style';
    const body = inBody || tag === 'body';
    for (const child of node.childNodes || [])
        walk(child, style, body);
    // <template> keeps its children in a separate fragment.
    if (node.content)
        walk(node.content, style, body);
};

walk(document, false, false);
process.stdout.write(JSON.stringify(report) + '\n');
