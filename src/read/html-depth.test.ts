import assert from 'node:assert/strict';
import { table } from '../../test/table.js';
import { htmlTooDeepAt } from './html-depth.js';

const deep = (tag: string, n: number) => `<${tag}>`.repeat(n);

// Rows: markup, the limit, where the tag that goes past it starts (-1: nothing does).
table(
  'the element depth of markup, as htmlparser2 builds the tree',
  [
    ['<div><div><div>x', 2, 10],
    ['<div><div></div><div>x', 2, -1],
    ['<div><DIV><Div>x', 2, 10],
    ['<b><i><u>x</b><s>', 3, -1],
    [`${deep('p', 100)}`, 1, -1],
    [`<ul>${deep('li', 100)}`, 2, -1],
    [`<table>${deep('tr', 50)}`, 2, -1],
    [`${deep('span', 3)}`, 2, 12],
    [`${'</span>'.repeat(10)}${deep('span', 3)}`, 2, 70 + 12],
    [`${deep('br', 100)}${deep('img src="a>b"', 100)}`, 1, -1],
    [`<div title="<div><div><div>">x`, 1, -1],
    [`<div title='<div><div>' class=a>x<div>`, 1, 33],
    [`<script>${deep('div', 10)}</script><div>`, 1, -1],
    [`<SCRIPT>${deep('div', 10)}</script ><div><div>`, 1, 73],
    [`<style>${deep('div', 10)}`, 1, -1],
    [`<!--${deep('div', 10)}--><div>`, 1, -1],
    [`<!--${deep('div', 10)}`, 1, -1],
    [`<!DOCTYPE html><?xml x?>${deep('div', 2)}`, 1, 29],
    [`<svg>${'<path/>'.repeat(10)}</svg>`, 1, -1],
    [`<svg/><div>`, 1, -1],
    [`<svg><foreignObject>${'<div/>'.repeat(3)}`, 3, 26],
    [`${'<div/>'.repeat(3)}`, 2, 12],
    [`${deep('div', 3)}</div></div></div>${deep('div', 3)}`, 3, -1],
    ['a < b and c <3 d', 0, -1],
    [deep('div', 100_000), 10_000, 50_000],
  ] as const,
  ([html, limit, at]) => assert.equal(htmlTooDeepAt(html, limit), at, `depth limit ${limit}`),
  ([html, limit]) =>
    `${JSON.stringify(html.length > 60 ? `${html.slice(0, 50)}...` : html)} (limit ${limit})`,
);
