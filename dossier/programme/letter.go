package programme

import (
	"dossier/dossier/programme/internal/syntax"

	"strings"

	"dossier/dossier/document"
)

// LetterKind is what a letter's title calls it: the last of 请示, 报告, 函 it ends with.
func LetterKind(title string) string {
	t := strings.TrimSpace(title)
	for _, k := range []string{"请示", "报告", "复函", "函"} {
		if strings.HasSuffix(t, k) {
			if k == "复函" {
				return "函"
			}
			return k
		}
	}
	return ""
}

// letter checks and compiles an output's letter settings.
func (c *compiler) letter(o *syntax.Output, what string) *letter {
	l := &letter{}
	if o.Letter != nil {
		if o.Style != "letter" {
			c.errs.Add(c.file, o.ID.Pos, "%s有 letter（发文字号、签发人），应写 style: letter", what)
		}
		l.number = c.text(o.Letter.Number, what+"的发文字号", nil)
		l.signer = c.text(o.Letter.Signer, what+"的签发人", nil)
		l.date = c.text(o.Letter.Date, what+"的成文日期", nil)
	}
	if o.Style != "letter" {
		return nil
	}
	return l
}

// letter is the document's letter settings, nil for a report that is not a letter. Its kind
// comes from the document's first heading (the title as printed), else the output's title.
func (b builder) letter(o *Output) *document.Letter {
	if o.letter == nil {
		return nil
	}
	title := b.text(o.title)
	for i := range o.blocks {
		if h := &o.blocks[i]; h.heading != nil {
			title = b.text(h.heading)
			break
		}
	}
	l := &document.Letter{Kind: LetterKind(title)}
	l.Signed = l.Kind == "请示" || l.Kind == "报告"
	l.Number = b.text(o.letter.number)
	l.Signer = b.text(o.letter.signer)
	l.Date = b.text(o.letter.date)
	return l
}
