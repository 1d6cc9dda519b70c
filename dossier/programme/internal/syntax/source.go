package syntax

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// Limits on a template's YAML, so that a hostile or broken file (an alias bomb, 200 KB of
// nested "[") is refused in linear time and memory instead of exhausting the machine.
const (
	maxNesting = 40  // flow brackets and braces, and block levels
	maxAliases = 100 // uses of *anchor in one file
)

// ParseSource checks one template file's bytes and parses them into a YAML tree. Every
// problem is added to errs (positioned, in Chinese); nil means the file cannot be used.
func ParseSource(file string, src []byte, errs *ErrorList) ast.Node {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(src) {
		errs.Add(file, invalidUTF8At(src), "文件不是 UTF-8 编码（可能是 GBK 或 UTF-16）：请用文本编辑器另存为 UTF-8")
		return nil
	}
	if pos, ok := tooDeep(src); !ok {
		errs.Add(file, pos, "嵌套超过 %d 层：模板不需要这么深的结构", maxNesting)
		return nil
	}
	f, err := parser.ParseBytes(src, 0)
	if err != nil {
		pos, msg := yamlErrPos(err), yamlErrMsg(err)
		if m := dupKeyRe.FindStringSubmatch(err.Error()); m != nil {
			errs.Add(file, pos, "键 “%s” 重复：第 %s 行已经写过，同一处只能写一次", m[1], m[2])
			return nil
		}
		if syntaxCulprits(file, src, errs) {
			return nil
		}
		errs.Add(file, pos, "YAML 语法错误：%s", explainYAML(msg))
		return nil
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		errs.Add(file, Pos{Line: 1, Col: 1}, "文件是空的：模板至少需要 format、id、title")
		return nil
	}
	if len(f.Docs) > 1 {
		errs.Add(file, posOf(f.Docs[1].Body), "一个模板文件只能有一个 YAML 文档（去掉多余的 ---）")
		return nil
	}
	if !checkAliases(file, f.Docs[0].Body, errs) {
		return nil
	}
	return f.Docs[0].Body
}

var dupKeyRe = regexp.MustCompile(`mapping key "([^"]*)" already defined at \[(\d+):\d+\]`)

// invalidUTF8At is the line and column of the first byte that is not UTF-8.
func invalidUTF8At(src []byte) Pos {
	line, col := 1, 1
	for len(src) > 0 {
		r, n := utf8.DecodeRune(src)
		if r == utf8.RuneError && n <= 1 {
			break
		}
		if r == '\n' {
			line, col = line+1, 0
		}
		col++
		src = src[n:]
	}
	return Pos{Line: line, Col: col}
}

// tooDeep scans the text for flow brackets nested deeper than maxNesting (quotes and comments
// skipped), before the parser would recurse into them.
func tooDeep(src []byte) (Pos, bool) {
	depth := 0
	var at Pos
	ok := scanYAML(src, func(c byte, line string, n, i int) bool {
		switch c {
		case '[', '{':
			depth++
			if depth > maxNesting {
				at = Pos{Line: n, Col: utf8.RuneCountInString(line[:i]) + 1}
				return false
			}
		case ']', '}':
			depth = max(depth-1, 0)
		}
		return true
	}, nil)
	return at, ok
}

// plainFunc sees a byte outside quotes and comments: byte i of line n.
type plainFunc func(c byte, line string, n, i int) bool

// scanYAML walks the text line by line: plain sees every byte outside quotes and comments,
// open every line that ends inside a quote (at the quote's position). Either stops the walk
// by returning false; scanYAML then returns false.
func scanYAML(src []byte, plain plainFunc, open func(at Pos) bool) bool {
	for n, line := range strings.Split(string(src), "\n") {
		if !scanLine(line, n+1, plain, open) {
			return false
		}
	}
	return true
}

// quoteOpens reports whether a quote character at i starts a quoted scalar.
func quoteOpens(line string, i int) bool {
	c := line[i]
	return (c == '"' || c == '\'') && (i == 0 || strings.IndexByte(" \t[{,:-", line[i-1]) >= 0)
}

// closesAt reports whether the byte at i closes the quote, and how many bytes it takes.
func closesAt(line string, i int, quote byte) (closed bool, width int) {
	switch {
	case quote == '"' && line[i] == '\\':
		return false, 2
	case quote == '\'' && line[i] == '\'' && i+1 < len(line) && line[i+1] == '\'':
		return false, 2
	}
	return line[i] == quote, 1
}

func scanLine(line string, n int, plain plainFunc, open func(Pos) bool) bool {
	var quote byte
	start := 0
	for i := 0; i < len(line); {
		if quote != 0 {
			closed, w := closesAt(line, i, quote)
			if closed {
				quote = 0
			}
			i += w
			continue
		}
		switch c := line[i]; {
		case c == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t'):
			return true
		case quoteOpens(line, i):
			quote, start = c, i
		case plain != nil && !plain(c, line, n, i):
			return false
		}
		i++
	}
	if quote != 0 && open != nil {
		return open(Pos{Line: n, Col: utf8.RuneCountInString(line[:start]) + 1})
	}
	return true
}

// checkAliases refuses alias bombs: an anchor may not contain an alias (so one alias expands
// to at most its anchor's size), and a file may use at most maxAliases aliases.
func checkAliases(file string, body ast.Node, errs *ErrorList) bool {
	ok, count := true, 0
	var inAnchor []string
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		switch x := n.(type) {
		case nil:
		case *ast.AliasNode:
			count++
			if len(inAnchor) > 0 {
				errs.Add(file, posOf(x), "锚点 &%s 中不能再引用别名（*）：嵌套的别名会成倍展开", inAnchor[len(inAnchor)-1])
				ok = false
			} else if count == maxAliases+1 {
				errs.Add(file, posOf(x), "别名（*）用得太多：一个模板最多 %d 处", maxAliases)
				ok = false
			}
		case *ast.AnchorNode:
			inAnchor = append(inAnchor, x.Name.GetToken().Value)
			walk(x.Value)
			inAnchor = inAnchor[:len(inAnchor)-1]
		case *ast.TagNode:
			walk(x.Value)
		case *ast.MappingNode:
			for _, v := range x.Values {
				walk(v)
			}
		case *ast.MappingValueNode:
			walk(x.Key)
			walk(x.Value)
		case *ast.SequenceNode:
			for _, v := range x.Values {
				walk(v)
			}
		}
	}
	walk(body)
	return ok
}

// explainYAML puts goccy's commonest syntax messages into Chinese; others keep their text
// after a Chinese lead.
func explainYAML(msg string) string {
	for _, e := range []struct{ en, zh string }{
		{"mapping value is not allowed in this context", "这里不能写“键: 值”（值中含“: ”时请给整个值加引号）"},
		{"could not find flow sequence end token", "“[”没有对应的“]”"},
		{"could not find flow mapping end token", "“{”没有对应的“}”"},
		{"found an invalid character", "有不允许的字符"},
		{"tab character cannot use as a map key directly", "缩进不能用制表符（Tab），请用空格"},
		{"that cannot start any token", "有不能开始一个值的字符（如 @、`、%），请给整个值加引号"},
		{"unexpected key name", "键名不对（值中含“: ”或“#”时请加引号）"},
		{"duplicate key", "键重复"},
		{"could not find anchor", "别名（*）引用的锚点（&）不存在"},
		{"unexpected", "此处的写法不对（检查缩进、冒号后的空格和引号）"},
	} {
		if strings.Contains(msg, e.en) {
			return e.zh
		}
	}
	return "此处的写法不对（" + msg + "）"
}
