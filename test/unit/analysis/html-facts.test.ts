import { describe, expect, it } from 'vitest';
import { htmlFacts } from '../../../electron/core/analysis/html-facts';

describe('htmlFacts', () => {
  it('lists anchors with the text they show, every address the page names, forms and password fields', () => {
    const facts = htmlFacts(
      `<META HTTP-EQUIV="refresh" CONTENT="0; URL=https://redirect.example/go">
       <a href="https://login.evil.example/?a=1&amp;b=2"> https://www.paypal.com/
         <b>signin</b></a>
       <a href="https://login.evil.example/?a=1&amp;b=2">again</a>
       <img src="cid:logo" srcset="https://cdn.example/a.png 1x, https://cdn.example/b.png 2x">
       <div background="https://bg.example/x.gif"></div>
       <form action="https://collect.example/post"><input type="PASSWORD"><button formaction="https://other.example/p">Go</button></form>
       <iframe src="https://frame.example/"></iframe>`,
    );
    expect(facts.links).toEqual([
      { target: 'https://login.evil.example/?a=1&b=2', text: 'https://www.paypal.com/ signin' },
    ]);
    expect(facts.urls).toEqual([
      'https://redirect.example/go',
      'https://login.evil.example/?a=1&b=2',
      'cid:logo',
      'https://cdn.example/a.png',
      'https://cdn.example/b.png',
      'https://bg.example/x.gif',
      'https://collect.example/post',
      'https://other.example/p',
      'https://frame.example/',
    ]);
    expect(facts.forms).toEqual([{ action: 'https://collect.example/post' }]);
    expect(facts.passwordInputs).toBe(1);
  });

  it('copes with broken HTML', () => {
    const facts = htmlFacts('<a href="https://x.example/"><p>unclosed <form><input type=password>');
    expect(facts.urls).toEqual(['https://x.example/']);
    expect(facts.forms).toEqual([{ action: null }]);
    expect(facts.passwordInputs).toBe(1);
  });
});
