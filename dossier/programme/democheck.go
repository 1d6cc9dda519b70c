package programme

import (
	"bytes"
	"strings"
	"time"

	"dossier/dossier"
)

// checkDemos checks the demo data file (<id>.demo.json beside the template) of each template
// that template check was given: the shipped demos are required to be valid and eligible
// (TestShippedDemosEligible), and so is a user's, since dossier demo serves it as a model.
func checkDemos(set *Set, given map[string]bool, errs *ErrorList) {
	for _, p := range set.All() {
		if p.Demo == nil || !given[p.File] {
			continue
		}
		file := strings.TrimSuffix(p.File, ".yaml") + ".demo.json"
		f, err := dossier.Decode(bytes.NewReader(p.Demo))
		if err != nil {
			errs.Add(file, Pos{}, "示例数据：%s", err.Error())
			continue
		}
		ev := Evaluate(p, f, time.Now())
		for _, pr := range ev.Problems {
			if !pr.Warning {
				errs.Add(file, Pos{}, "示例数据有误：%s：%s", pr.Label, pr.Message)
			}
		}
		for _, r := range ev.Rules {
			if !r.Passed {
				errs.Add(file, Pos{}, "示例数据不符合申报条件：%s", r.Message)
			}
		}
	}
}

// givenFiles are the template files, as messages name them, that template check was given.
func givenFiles(folders []folder, only map[int][]string) map[string]bool {
	given := map[string]bool{}
	for i, f := range folders {
		for _, name := range only[i+1] {
			given[f.display(name)] = true
		}
	}
	return given
}
