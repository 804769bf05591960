import type { ReactNode } from "react";
import { parseMarkdown, type Inline } from "../lib/markdown";

/**
 * Renders Markdown (see lib/markdown.ts) as React elements: text is always escaped by React, and
 * only the few elements below are ever created. The page has its own `<h1>` (the title, left out
 * with `skipTitle`), so headings start at `<h2>` and the outline stays in order.
 */
export function Markdown({ source, skipTitle = false }: { source: string; skipTitle?: boolean }) {
  const blocks = parseMarkdown(source);
  const shown =
    skipTitle && blocks[0]?.kind === "heading" && blocks[0].level === 1 ? blocks.slice(1) : blocks;
  return (
    <div className="space-y-4 text-stone-700">
      {shown.map((block, i) => {
        switch (block.kind) {
          case "heading": {
            const children = inlines(block.children);
            if (block.level <= 2)
              return (
                <h2 key={i} className="pt-4 font-display text-2xl font-semibold text-stone-900">
                  {children}
                </h2>
              );
            return (
              <h3 key={i} className="pt-2 text-lg font-semibold text-stone-900">
                {children}
              </h3>
            );
          }
          case "paragraph":
            return (
              <p key={i} className="leading-relaxed">
                {inlines(block.children)}
              </p>
            );
          case "list": {
            const items = block.items.map((item, j) => (
              <li key={j} className="pl-1 leading-relaxed">
                {inlines(item)}
              </li>
            ));
            return block.ordered ? (
              <ol key={i} className="list-decimal space-y-2 pl-6">
                {items}
              </ol>
            ) : (
              <ul key={i} className="list-disc space-y-2 pl-6">
                {items}
              </ul>
            );
          }
        }
      })}
    </div>
  );
}

function inlines(nodes: readonly Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.kind) {
      case "text":
        return node.text;
      case "strong":
        return (
          <strong key={i} className="font-semibold text-stone-900">
            {inlines(node.children)}
          </strong>
        );
      case "em":
        return <em key={i}>{inlines(node.children)}</em>;
      case "code":
        return (
          <code key={i} className="rounded bg-stone-100 px-1 py-0.5 text-sm">
            {node.text}
          </code>
        );
      case "link": {
        const external = /^(https?:|mailto:)/i.test(node.href);
        return (
          <a
            key={i}
            href={node.href}
            className="font-medium text-brand-800 underline underline-offset-2 hover:text-brand-900"
            {...(external ? { rel: "noopener noreferrer nofollow" } : {})}
          >
            {inlines(node.children)}
          </a>
        );
      }
    }
  });
}
