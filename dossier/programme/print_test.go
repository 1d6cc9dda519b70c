package programme_test

import (
	"strings"
	"testing"

	"dossier/dossier/programme"
	"dossier/templates"
)

// print: {sides, seal_mark} are read from the template; a wrong sides value names the line.
func TestPrintSettings(t *testing.T) {
	src, err := templates.FS.ReadFile("shanxi-techinnov-2019.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const at = "      copies: 10\n"
	if !strings.Contains(string(src), at) {
		t.Fatal("the techinnov template changed: update the test")
	}
	parse := func(extra string) (*programme.Print, error) {
		p, err := programme.Parse("shanxi-techinnov-2019.yaml", []byte(strings.Replace(string(src), at, at+extra, 1)), nil)
		if err != nil {
			return nil, err
		}
		return p.Outputs[0].Print, nil
	}
	ps, err := parse("")
	if err != nil || ps.Simplex() || !ps.ShowSealMark() {
		t.Fatalf("default: simplex %v, seal mark %v, %v", ps.Simplex(), ps.ShowSealMark(), err)
	}
	ps, err = parse("      sides: simplex\n      seal_mark: false\n")
	if err != nil || !ps.Simplex() || ps.ShowSealMark() || !ps.Seal {
		t.Fatalf("sides: simplex, seal_mark: false: simplex %v, seal mark %v, %v", ps.Simplex(), ps.ShowSealMark(), err)
	}
	_, err = parse("      sides: both\n")
	if err == nil || !strings.Contains(err.Error(), "print.sides “both” 未知（可用：duplex 双面, simplex 单面）") {
		t.Fatalf("sides: both: %v", err)
	}
}
