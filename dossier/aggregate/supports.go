package aggregate

import "dossier/dossier/programme"

// Supports reports whether programme p can be aggregated: its template defines a summary
// sheet (Run fails with ErrNoSheet otherwise). The GUI offers only these.
func Supports(p *programme.Programme) bool {
	return len(newSummaryPlan(p).outputs) > 0
}
