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

  it('reads each address attribute on the elements it belongs to, in the table’s order', () => {
    const facts = htmlFacts(
      `<input src="https://a.example/src" formaction="https://a.example/post">
       <video poster="https://v.example/p.jpg" src="https://v.example/v.mp4" href="https://not.example/">
       <object data="https://o.example/o.swf" src="https://not.example/"></object>
       <td background="https://bg.example/t.gif"></td>`,
    );
    expect(facts.urls).toEqual([
      'https://a.example/post',
      'https://a.example/src',
      'https://v.example/v.mp4',
      'https://v.example/p.jpg',
      'https://o.example/o.swf',
      'https://bg.example/t.gif',
    ]);
  });

  it('does not trip over elements named like object properties', () => {
    const facts = htmlFacts(
      '<constructor href="https://x.example/">a</constructor><__proto__ src="y"><a href="z">',
    );
    expect(facts.urls).toEqual(['z']);
  });
});
