package programme_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"dossier/dossier/programme"
	"dossier/templates"
)

func attachmentIDs(p *programme.Programme) string {
	var ids []string
	for _, a := range p.Attachments {
		ids = append(ids, a.ID)
	}
	return strings.Join(ids, ",")
}

// attachments: is checked at load, with every problem at its line, in Chinese.
func TestAttachmentsAreChecked(t *testing.T) {
	base, err := os.ReadFile("testdata/hitech-sample.yaml")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Count(string(base), "\n")
	src := string(base) + `attachments:
  - {id: licence, label: 营业执照}
  - {id: licence, label: 营业执照副本}
  - {id: Audit Report, label: 审计报告}
  - {id: tax, required: true}
  - {id: patent, label: 专利, when: no_such_field > 1}
`
	_, err = programme.Parse("hitech-sample.yaml", []byte(src), nil)
	if err == nil {
		t.Fatal("a broken attachments list loaded")
	}
	msg := err.Error()
	at := func(n int) string { return fmt.Sprintf("hitech-sample.yaml:%d:", lines+n) }
	for _, want := range []string{at(3), "附件 id “licence” 重复", at(4), "附件 id “Audit Report” 应为小写字母开头",
		at(5), "附件 “tax” 缺少 label", at(6), "no_such_field"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the errors do not say %q:\n%s", want, msg)
		}
	}
	_, err = programme.Parse("hitech-sample.yaml", []byte(string(base)+"attachments:\n  - {id: cert, label: 证书, colour: red}\n"), nil)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("hitech-sample.yaml:%d:", lines+2)) || !strings.Contains(err.Error(), "未知的键 “colour”") {
		t.Errorf("an unknown key in an attachment: %v", err)
	}
}

// Under extends, attachments merge by id: the same id replaces in place, after places a new
// one, remove drops one; the shipped families keep the parent's list in the children.
func TestAttachmentsMergeByID(t *testing.T) {
	fsys := family(t, map[string]string{"parent.yaml": `format: 1
id: parent
extends: hitech-sample
abstract: true
title: 父模板
attachments:
  - {id: licence, label: 营业执照, required: true}
  - {id: audit, label: 审计报告, required: true}
  - {id: tax, label: 纳税证明}
`, "child.yaml": `format: 1
id: child
extends: parent
title: 子模板
attachments:
  - {id: audit, label: 近三年审计报告, required: true}
  - {id: agency, label: 中介机构承诺书, after: audit}
  - {id: tax, remove: true}
  - {id: extra, label: 其他}
`})
	set, err := programme.LoadSet(fsys)
	if err != nil {
		t.Fatal(err)
	}
	p := set.Get("child")
	if got := attachmentIDs(p); got != "licence,audit,agency,extra" {
		t.Errorf("merged attachments = %s", got)
	}
	if p.Attachments[1].Label != "近三年审计报告" {
		t.Errorf("the child's audit did not replace the parent's: %q", p.Attachments[1].Label)
	}

	shipped, err := programme.LoadSet(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range shipped.All() {
		if len(p.Attachments) == 0 {
			t.Errorf("%s lists no attachments", p.ID)
		}
	}
	sx, nb := attachmentIDs(shipped.Get("shanxi-hightech-2019")), attachmentIDs(shipped.Get("ningbo-hightech-2019"))
	if !strings.HasPrefix(sx, "business-licence,ip-certificates") || !strings.Contains(nb, "rd-audit,agency-licence,agency-commitment,financial-audit") {
		t.Errorf("the 高企 family's attachments: shanxi %s, ningbo %s", sx, nb)
	}
}
