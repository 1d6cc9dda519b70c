package programme

import (
	"regexp"
	"strings"
	"time"
)

// Texts and expressions can name the programme's own header and the deadline that applies,
// so that a parent's letter and sheet never hard-code the notice they cite: a child that
// changes document:, issued: or deadlines: gets a letter citing the new notice
// (templates/README.md "表达式中可用的名称").

// headerEnv is `programme` in expressions: {{programme.document}} (文号), {{programme.title}},
// {{programme.notice}} (the notice's name, without the link notice: gives in brackets),
// {{programme.issuer}}, {{programme.issued}} (a date: 2019年4月3日).
type headerEnv struct {
	Title    string    `expr:"title"`
	Document string    `expr:"document"`
	Notice   string    `expr:"notice"`
	Issuer   string    `expr:"issuer"`
	Issued   time.Time `expr:"issued"`
}

// deadlineEnv is `deadline` in expressions: the deadline that applies to the application
// date (the first whose when holds, informational ones aside), {{deadline.label}} (第二批)
// and {{deadline.date}}; empty when none applies. It is known once the deadlines are judged,
// so it is meant for the texts of outputs, not for computed values or rules.
type deadlineEnv struct {
	Label string    `expr:"label"`
	Date  time.Time `expr:"date"`
}

// Names of the header in expressions.
const (
	envProgramme = "programme"
	envDeadline  = "deadline"
)

// noticeLink is a link notice: gives after the notice's name, in full-width or ASCII brackets.
var noticeLink = regexp.MustCompile(`\s*[（(]\s*https?://[^）)]*[）)]\s*$`)

// headerValue is the programme's header as expressions see it.
func (p *Programme) headerValue() headerEnv {
	return headerEnv{Title: p.Title, Document: p.Document, Issuer: p.Issuer, Issued: p.Issued,
		Notice: strings.TrimSpace(noticeLink.ReplaceAllString(p.Notice, ""))}
}

// headerNames puts programme and deadline in an environment (zero deadline until judged).
// The header is made once (its notice is cut by a regular expression, a fortieth of an
// evaluation), for the compiler's sample environment and then every data file: the header is
// set (p.header) before anything is compiled.
func (p *Programme) headerNames(env map[string]any) {
	p.headerOnce.Do(func() { p.headerEnv = p.headerValue() })
	env[envProgramme] = p.headerEnv
	env[envDeadline] = deadlineEnv{}
}

// applicableDeadline is the deadline judgeDeadline judges: the first, informational ones
// aside, whose when holds.
func (e *Evaluation) applicableDeadline() deadlineEnv {
	for _, d := range e.Programme.Deadlines {
		if d.Informational {
			continue
		}
		if d.when != nil {
			if v, st, _ := e.eval(d.when, e.env); st != evalOK || v != true {
				continue
			}
		}
		return deadlineEnv{Label: d.Label, Date: d.Date}
	}
	return deadlineEnv{}
}
