/// <reference lib="dom" />
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';

const bin = join(import.meta.dirname, '../../src/bin/loadtest.ts');

export interface WebCli {
  child: ChildProcess;
  /** The page's address, once the CLI printed it. */
  url: Promise<string>;
  /** The exit code and output, when the CLI ends. */
  exit: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** The CLI as a real process (its exit code is the contract), straight under node so signals reach it. */
export function startWebCli(args: string[]): WebCli {
  const child = spawn(process.execPath, ['--import', 'tsx', bin, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let found: (url: string) => void = () => {};
  const url = new Promise<string>((resolve) => {
    found = resolve;
  });
  child.stdout!.on('data', (d) => {
    stdout += d;
  });
  child.stderr!.on('data', (d) => {
    stderr += d;
    const m = /web view: (\S+)/.exec(stderr);
    if (m) found(m[1]!);
  });
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, url: Promise.race([url, exit.then((e) => Promise.reject(new Error(e.stderr)))]), exit };
}

/** The Aggregated row's # Requests as the page shows it (its raw value). */
export async function aggregatedRequests(page: Page): Promise<number> {
  return page.$eval('#stats tr.total td[data-col="# Requests"]', (td) =>
    Number((td as HTMLElement).dataset.value),
  );
}

/** Waits until the page's Aggregated # Requests passes `above`; returns it. */
export async function requestsAbove(page: Page, above: number): Promise<number> {
  await page.waitForFunction(
    (n) =>
      Number(
        document.querySelector<HTMLElement>('#stats tr.total td[data-col="# Requests"]')?.dataset.value ?? -1,
      ) > n,
    { timeout: 60_000, polling: 100 },
    above,
  );
  return aggregatedRequests(page);
}

/** Console errors and uncaught exceptions of a page, collected from its opening. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}
