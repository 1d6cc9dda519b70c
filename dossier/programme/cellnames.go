package programme

import (
	"strconv"
	"sync"
	"sync/atomic"
)

// The paths and labels of a record's fields ("enterprise.finance[1].main_revenue", "财务数据第2行
// 主营业务收入") are the same strings for every data file of a programme: the converter marks
// the paths present and the checks look them up. Made for every cell of every file they were
// a tenth of an evaluation's allocations; they are made once per programme instead, for up
// to maxCachedNames records (beyond that, a table of thousands of rows, they are made as
// before, for that file only).

// fieldNames are the names of one record value's fields, in the record's field order.
type fieldNames struct {
	path, label   string   // the record's own: "enterprise.finance[1]", "财务数据第2行 "
	paths, labels []string // per field: path.id, label + field label
}

type namesKey struct {
	rec         *record
	path, label string
	row         int // the row of a table, or -1 for a record at path itself
}

const maxCachedNames = 4096

type namesCache struct {
	m sync.Map // namesKey → *fieldNames
	n atomic.Int64
}

// rowNames are the names of row i of the table at path (rec: its row record), labelled label
// (the table's label).
func (p *Programme) rowNames(rec *record, path, label string, i int) *fieldNames {
	return p.names.get(namesKey{rec, path, label, i})
}

// recordNames are the names of the fields of a record at path whose labels start with label
// (the enterprise profile: "enterprise", "").
func (p *Programme) recordNames(rec *record, path, label string) *fieldNames {
	return p.names.get(namesKey{rec, path, label, -1})
}

func (c *namesCache) get(k namesKey) *fieldNames {
	if v, ok := c.m.Load(k); ok {
		return v.(*fieldNames)
	}
	n := k.make()
	if c.n.Add(1) <= maxCachedNames {
		c.m.Store(k, n)
	}
	return n
}

func (k namesKey) make() *fieldNames {
	n := &fieldNames{path: k.path, label: k.label}
	if k.row >= 0 {
		n.path = k.path + "[" + strconv.Itoa(k.row) + "]"
		n.label = k.label + "第" + strconv.Itoa(k.row+1) + "行 "
	}
	n.paths = make([]string, len(k.rec.fields))
	n.labels = make([]string, len(k.rec.fields))
	for i, f := range k.rec.fields {
		n.paths[i] = join(n.path, f.ID)
		n.labels[i] = n.label + f.Label
	}
	return n
}
