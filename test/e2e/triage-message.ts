/** A reported phish with Microsoft 365's stamps, a disguised link and a look-alike sender (no real mail). */
export function reportedPhish(): string {
  return [
    'Authentication-Results: spf=fail (sender IP is 198.51.100.23) smtp.mailfrom=bounce.mailer.example;' +
      ' dkim=none (message not signed) header.d=none;dmarc=fail action=oreject header.from=xn--pypal-4ve.com;compauth=fail reason=000',
    'X-Forefront-Antispam-Report: CIP:198.51.100.23;CTRY:NG;LANG:en;SCL:5;SRV:;IPV:NLI;SFV:SPM;H:mail.paypa1-secure.example;' +
      'PTR:;CAT:PHSH;SFS:(13230040)(8096899003);DIR:INB;',
    'X-Microsoft-Antispam: BCL:0;PCL:8;',
    'Received: from mail.paypa1-secure.example (198.51.100.23) by mx.contoso.example (10.0.0.5) with ESMTPS; Tue, 24 Nov 2026 09:29:00 +0000',
    'From: "service@paypal.com" <alerts@xn--pypal-4ve.com>',
    'Reply-To: collect@evil-drop.example',
    'To: Finance <finance@contoso.example>',
    'Subject: Your account is locked',
    'Date: Tue, 24 Nov 2026 09:30:00 +0000',
    'Message-ID: <phish-1@e2e.mailscope.invalid>',
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Dear customer, confirm your account: <a href="https://login.evil-drop.example/paypal/">https://www.paypal.com/signin</a></p>',
    '',
  ].join('\r\n');
}
