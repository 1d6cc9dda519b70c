package session

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"dossier/dossier/programme"
)

const objectTemplate = `format: 1
id: obj-test
version: 1
title: 测试
sections:
  - id: s
    title: 评分
    fields:
      - id: innovation_scores
        label: 创新能力评价
        type: object
        columns:
          - {id: ip, label: 知识产权, type: integer, required: true, min: 0, max: 30}
          - {id: growth, label: 成长性, type: integer, min: 0, max: 20}
`

func TestObjectField(t *testing.T) {
	p, err := programme.Parse("obj-test.yaml", []byte(objectTemplate), nil)
	if err != nil {
		t.Fatal(err)
	}
	s := New(p, nil)
	if err := s.Set("innovation_scores", "1"); !errors.Is(err, ErrBadPath) {
		t.Fatalf("set the object itself: %v", err)
	}
	if err := s.Set("innovation_scores.ip", "２８"); err != nil {
		t.Fatal(err)
	}
	if got := s.Get("innovation_scores.ip"); got != "２８" {
		t.Fatalf("Get = %q", got)
	}
	if err := s.Set("innovation_scores.nope", "1"); !errors.Is(err, ErrUnknownField) {
		t.Fatalf("unknown sub-field: %v", err)
	}
	if err := s.Set("innovation_scores.growth", "25"); err != nil {
		t.Fatal(err)
	}
	if len(s.ProblemsFor("innovation_scores.growth")) != 1 {
		t.Fatalf("no range problem: %+v", s.Evaluate().Problems)
	}
	b, _ := json.Marshal(s.Export())
	if !strings.Contains(string(b), `"innovation_scores":{"growth":25,"ip":28}`) {
		t.Errorf("export: %s", b)
	}
	_ = s.Set("innovation_scores.ip", "")
	_ = s.Set("innovation_scores.growth", "")
	if s.Get("innovation_scores.ip") != "" {
		t.Error("not removed")
	}
}
