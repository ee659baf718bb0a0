/**
 * The raw baseline of the cold start in bench/app.ts: React and react-dom, built like the app,
 * rendering the heading the bench waits for (given in the URL) and nothing else.
 */
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

const root = document.getElementById('root');
if (root) createRoot(root).render(createElement('h1', null, new URLSearchParams(window.location.search).get('h')));
