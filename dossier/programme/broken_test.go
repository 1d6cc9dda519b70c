package programme_test

import (
	"os"
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
	if got := set.Get("shanxi-techinnov-2019").Title.S; got != "本地修订版" {
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
