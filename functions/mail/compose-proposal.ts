import { escapeHtml } from '../../model/escape-html.ts';
import type { MailMessage } from './message.ts';

/**
 * The messages of "Add your NGO": the link that proves the proposer reads the work address
 * they gave, and the admin's decision. Names and reasons come from people: escaped in HTML.
 */

function wrap(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40em;margin:auto;padding:1em;color:#1a1a1a">
${body}
</body></html>`;
}

export function composeProposalConfirmation(input: {
  to: string;
  ngoName: string;
  userName: string;
  confirmUrl: string;
}): MailMessage {
  const subject = `Confirm your address for ${input.ngoName} on Jumo`;
  const text = [
    `Hello ${input.userName},`,
    '',
    `You proposed ${input.ngoName} for the Jumo directory and gave this as your work address.`,
    'Open this link to confirm it (it works once, for 48 hours); it tells our reviewers you read this mailbox:',
    input.confirmUrl,
    '',
    'If you did not propose this organisation, ignore this message.',
  ].join('\n');
  const html = wrap(
    subject,
    `<p>Hello ${escapeHtml(input.userName)},</p>
<p>You proposed <strong>${escapeHtml(input.ngoName)}</strong> for the Jumo directory and gave this as your work address.
Confirming it tells our reviewers you read this mailbox (the link works once, for 48 hours):</p>
<p><a href="${escapeHtml(input.confirmUrl)}" style="font-weight:bold">Confirm ${escapeHtml(input.to)}</a></p>
<p style="font-size:.85em;color:#555">If you did not propose this organisation, ignore this message.</p>`,
  );
  return { to: input.to, subject, text, html };
}

export function composeProposalDecision(input: {
  to: string;
  ngoName: string;
  decision: 'approved' | 'rejected';
  reason: string | null;
  /** Approved: where to manage the page. Rejected: the join page with the reason. */
  url: string;
}): MailMessage {
  if (input.decision === 'approved') {
    const subject = `${input.ngoName} is in the Jumo directory`;
    const text = [
      `${input.ngoName} was approved. You manage its page: add a profile, news and volunteer roles at`,
      input.url,
      '',
      'Its public page appears with the next publication of the site.',
    ].join('\n');
    const html = wrap(
      subject,
      `<p><strong>${escapeHtml(input.ngoName)}</strong> was approved. You manage its page:
<a href="${escapeHtml(input.url)}">add a profile, news and volunteer roles</a>.</p>
<p>Its public page appears with the next publication of the site.</p>`,
    );
    return { to: input.to, subject, text, html };
  }
  const subject = `Your proposal of ${input.ngoName} on Jumo`;
  const text = [
    `We could not add ${input.ngoName} to the Jumo directory. The reviewer's reason:`,
    '',
    input.reason ?? '',
    '',
    `Your proposals: ${input.url}`,
  ].join('\n');
  const html = wrap(
    subject,
    `<p>We could not add <strong>${escapeHtml(input.ngoName)}</strong> to the Jumo directory. The reviewer's reason:</p>
<blockquote style="border-left:3px solid #ccc;margin:1em 0;padding-left:1em">${escapeHtml(input.reason ?? '')}</blockquote>
<p><a href="${escapeHtml(input.url)}">Your proposals</a></p>`,
  );
  return { to: input.to, subject, text, html };
}
