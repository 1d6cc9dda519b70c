package programme_test

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"dossier/dossier/programme"
	"dossier/templates"
)

// A template with many mistakes: one run reports every problem, each at its file:line.
func TestBrokenTemplateReportsEveryProblem(t *testing.T) {
	src, err := os.ReadFile("testdata/broken/broken.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// Unknown keys are found first, in one pass over the whole file.
	_, err = programme.Parse("broken.yaml", src, nil)
	if err == nil || !strings.Contains(err.Error(), `broken.yaml:5:1: 未知的键 “deadline”`) {
		t.Fatalf("unknown key: %v", err)
	}
	// Without it, every semantic problem is listed.
	src = []byte(strings.Replace(string(src), "deadline: 2019-05-01\n", "", 1))
	_, err = programme.Parse("broken.yaml", src, nil)
	if err == nil {
		t.Fatal("a broken template loaded")
	}
	msg := err.Error()
	for _, want := range []string{
		`broken.yaml:9:39: 字段 “amount” 的类型 “mony” 未知`,
		`broken.yaml:10:53: 校验规则 “uscc” 未知`,
		`broken.yaml:11:14: 字段 id “amount” 重复`,
		`broken.yaml:12:14: 字段 “nolabel” 缺少 label`,
		`broken.yaml:17:13: 规则 “r1”的 assert的表达式有误`,
		`没有字段 “main_revenu”`,
		`broken.yaml:21:13: 规则 “r2”的 assert的表达式有误：表达式不完整`,
		`broken.yaml:23:33: 计算值 “c1” 声明为 money，但表达式的结果是 string`,
		`broken.yaml:25:33: 输出 “o”的 file “a/b.pdf” 应为不含路径符号的文件名`,
		`broken.yaml:25:63: 输出 “o”的 paragraph的表达式有误：未知的名称 “nothere”`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("missing %q in:\n%s", want, msg)
		}
	}
}

// YAML syntax errors name the line too.
func TestTemplateSyntaxError(t *testing.T) {
	_, err := programme.Parse("x.yaml", []byte("format: 1\nid: x\ntitle: [unclosed\n"), nil)
	if err == nil || !strings.Contains(err.Error(), "x.yaml:3:") {
		t.Fatalf("syntax error: %v", err)
	}
}

// A user folder adds programmes and overrides shipped ones by id, without a rebuild.
func TestUserFolderOverrides(t *testing.T) {
	shipped, err := templates.FS.ReadFile("shanxi-techinnov-2019.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sample, _ := os.ReadFile("testdata/hitech-sample.yaml")
	user := fstest.MapFS{
		"shanxi-techinnov-2019.yaml": {Data: []byte(strings.Replace(string(shipped), "title: 2019年山西省技术改造专项资金技术创新提升专项（第一批）", "title: 本地修订版", 1))},
		"hitech-sample.yaml":         {Data: sample},
	}
	set, err := programme.LoadSet(templates.FS, user)
	if err != nil {
		t.Fatal(err)
	}
	if got := set.Get("shanxi-techinnov-2019").Title; got != "本地修订版" {
		t.Errorf("override not applied: %s", got)
	}
	if set.Get("hitech-sample") == nil {
		t.Error("user template not added")
	}
	// A broken user template is reported with its file name, and the rest still lists.
	user["bad.yaml"] = &fstest.MapFile{Data: []byte("format: 2\nid: bad\ntitle: x\n")}
	_, err = programme.LoadSet(templates.FS, user)
	if err == nil || !strings.Contains(err.Error(), "bad.yaml:1:1: format 应为 1") {
		t.Fatalf("broken user template: %v", err)
	}
}

// Every mistake of the YAML itself is reported at its place, in Chinese, all in one run.
func TestTemplateSyntaxProblems(t *testing.T) {
	cases := map[string]struct{ src, want string }{
		"unclosed quote": {"format: 1\nid: x\ntitle: \"未闭合\nversion: 1\n\n\n\n\n\nissued: 2019-01-01\n", "x.yaml:3:8: 引号没有闭合"},
		"duplicate key":  {"format: 1\nid: x\ntitle: a\ntitle: b\n", "x.yaml:4:1: 键 “title” 重复：第 3 行已经写过，同一处只能写一次"},
		"wrong type":     {"format: abc\nid: x\ntitle: a\n", "x.yaml:1:9: format 应为整数，不是 “abc”"},
		"bool":           {"format: 1\nid: x\ntitle: a\nabstract: 是\n", "x.yaml:4:11: abstract 应为true 或 false，不是 “是”"},
		"list for text":  {"format: 1\nid: x\ntitle: [a, b]\n", "x.yaml:3:8: title 应为文字（不是列表或映射）"},
		"GBK":            {"format: 1\nid: x\ntitle: \xb8\xdf\xd0\xc2\xbc\xbc\xca\xf5\n", "x.yaml:3:8: 文件不是 UTF-8 编码（可能是 GBK 或 UTF-16）：请用文本编辑器另存为 UTF-8"},
		"two documents":  {"format: 1\nid: x\ntitle: a\n---\nformat: 1\n", "一个模板文件只能有一个 YAML 文档"},
		"enum":           {"format: 1\nid: x\ntitle: a\nrules:\n  - {id: r, label: l, assert: \"true\", threshold: t, format: monye}\n", "x.yaml:5:61: format 的值 “monye” 无效（可用：money、percent、integer、text、bool、date）"},
	}
	for name, c := range cases {
		_, err := programme.Parse("x.yaml", []byte(c.src), nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: want %q, got:\n%v", name, c.want, err)
			continue
		}
		if strings.Contains(err.Error(), "cannot unmarshal") || strings.Contains(err.Error(), "Go struct") {
			t.Errorf("%s: Go's text reaches the user: %v", name, err)
		}
	}
	// Every unknown key, not just the first.
	_, err := programme.Parse("x.yaml", []byte("format: 1\nid: x\ntitle: a\ntitel: b\nsections:\n  - {id: s, titel: t}\n  - {id: u, hlep: h}\n"), nil)
	for _, want := range []string{"x.yaml:4:1: 未知的键 “titel”", "x.yaml:6:13: 未知的键 “titel”", "x.yaml:7:13: 未知的键 “hlep”"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in %v", want, err)
		}
	}
}

// A user template that overrides a shipped id is announced: which file wins, its version.
func TestOverrideAnnounced(t *testing.T) {
	shipped, _ := templates.FS.ReadFile("shanxi-techinnov-2019.yaml")
	v := regexp.MustCompile(`\nversion: (\d+)\n`).FindStringSubmatch(string(shipped))[1]
	user := fstest.MapFS{"shanxi-techinnov-2019.yaml": {Data: []byte(strings.Replace(string(shipped), "\nversion: "+v+"\n", "\nversion: 90\n", 1))}}
	set, err := programme.LoadSet(templates.FS, user)
	if err != nil {
		t.Fatal(err)
	}
	n := set.Notices()
	if len(n) != 1 || !strings.Contains(n[0], "项目“shanxi-techinnov-2019”使用用户模板 shanxi-techinnov-2019.yaml（版本 90），它覆盖了内置模板 shanxi-techinnov-2019.yaml（版本 "+v+"）") {
		t.Errorf("notices: %q", n)
	}
	if pv := set.Get("shanxi-techinnov-2019").Provenance(); pv.Source != "user" || pv.Version != 90 {
		t.Errorf("provenance of the override: %+v", pv)
	}
}
