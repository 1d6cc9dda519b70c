package syntax

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// All problems of a template in one run, on the syntax side (templates/README.md "写好之后"):
// a value outside its key's allowed set does not stop the later stages, a likely misspelt key
// is named, and a file the YAML parser refuses gets the usual culprits named at their own
// lines, in Chinese. DidYouMean also serves the compiler (programme/exprhints.go).

// hardSince reports whether a problem after which decoding cannot go on was added since n.
func hardSince(errs ErrorList, n int) bool {
	for _, e := range errs[n:] {
		if !e.soft {
			return true
		}
	}
	return false
}

// syntaxCulprits finds, in a file the YAML parser refused, the mistakes a template author
// makes most (tab indentation, a value starting with {{ left unquoted, a quote never closed),
// each at its own line; none found leaves the parser's own message to be reported.
func syntaxCulprits(file string, src []byte, errs *ErrorList) bool {
	before := len(*errs)
	block := -1 // the indentation of the key whose block scalar (| or >) the lines belong to
	for n, line := range strings.Split(string(src), "\n") {
		indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		if i := strings.IndexByte(indent, '\t'); i >= 0 && strings.TrimSpace(line) != "" {
			errs.Add(file, Pos{Line: n + 1, Col: i + 1}, "缩进请用空格，不要用制表符（Tab）")
		}
		if block >= 0 && (strings.TrimSpace(line) == "" || len(indent) > block) {
			continue // text of a block scalar: anything goes
		}
		block = -1
		scanLine(line, n+1, func(c byte, line string, ln, i int) bool {
			if c == '{' && strings.HasPrefix(line[i:], "{{") && startsValue(line, i) {
				errs.Add(file, Pos{Line: ln, Col: utf8.RuneCountInString(line[:i]) + 1},
					"以 {{ 开头的值要加引号：写成 \"%s\"", strings.TrimSpace(cutValue(line[i:])))
				return false
			}
			return true
		}, func(at Pos) bool {
			errs.Add(file, at, "引号没有闭合：这一行开始的引号在行末还没有结束（在值的末尾补上引号）")
			return true
		})
		if blockScalarRe.MatchString(line) {
			block = len(indent)
		}
	}
	return len(*errs) > before
}

// blockScalarRe matches a line whose value is a block scalar (key: |-, - >).
var blockScalarRe = regexp.MustCompile(`(:|^\s*-)\s+[|>][-+0-9]*\s*(#.*)?$`)

// startsValue reports whether the text at i begins a value: after "key: ", "- ", or a flow
// collection's "[", "{" or ",".
func startsValue(line string, i int) bool {
	before := strings.TrimRight(line[:i], " ")
	if before == "" || strings.HasSuffix(before, "-") || strings.HasSuffix(before, ",") || strings.HasSuffix(before, "[") {
		return true
	}
	return strings.HasSuffix(before, ":") && len(before) < i // "key: {{" (a space after the colon)
}

// cutValue is a plain value up to the end of its line or a comment.
func cutValue(s string) string {
	if i := strings.Index(s, " #"); i >= 0 {
		s = s[:i]
	}
	return s
}

// closest is the candidate nearest to s by edit distance, when it is a likely misspelling
// (at most 2 edits, fewer than half of s), else "".
func closest(s string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestD && d*2 < len([]rune(s)) {
			best, bestD = c, d
		}
	}
	return best
}

// DidYouMean is "（是不是想写 “x”？）" for a likely misspelling of one of candidates, else "".
func DidYouMean(s string, candidates []string) string {
	if c := closest(s, candidates); c != "" {
		return "（是不是想写 “" + c + "”？）"
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}
