package programme

// ValueProblems checks one typed answer (what Field.Parse returns) against its field's own
// constraints — range, decimals, 字数, validator, options — as Evaluate does, for importers
// that read answers one cell at a time (dossier/master). Messages follow the field's label
// ("应不小于 0（现为 -1）"). Tables and objects are checked by Evaluate only.
func ValueProblems(f *Field, v any) []string {
	if v == nil || f.Type == TypeTable || f.Type == TypeObject {
		return nil
	}
	e := &Evaluation{present: map[string]bool{"v": true}}
	e.checkOne(f, v, "v", f.Label, nil)
	var out []string
	for _, p := range e.Problems {
		if !p.Warning {
			out = append(out, p.Message[len(p.Label+"："):])
		}
	}
	return out
}
