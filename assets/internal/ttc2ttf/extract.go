package main

import (
	"encoding/binary"
	"errors"
	"fmt"
)

var be = binary.BigEndian

// Extract returns face number face of the TrueType Collection ttc as a standalone TrueType
// font. Table records keep their order and checksums; only offsets change, and the head
// table's checkSumAdjustment is recomputed over the new file.
func Extract(ttc []byte, face int) ([]byte, error) {
	if len(ttc) < 12 || string(ttc[:4]) != "ttcf" {
		return nil, errors.New("not a TrueType Collection (no ttcf tag)")
	}
	n := int(be.Uint32(ttc[8:12]))
	if face < 0 || face >= n {
		return nil, fmt.Errorf("face %d out of range: the collection has %d", face, n)
	}
	if len(ttc) < 12+4*n {
		return nil, errors.New("truncated collection header")
	}
	dir := int(be.Uint32(ttc[12+4*face:]))
	if dir+12 > len(ttc) {
		return nil, errors.New("face directory out of range")
	}
	numTables := int(be.Uint16(ttc[dir+4:]))
	recs := dir + 12
	if recs+16*numTables > len(ttc) {
		return nil, errors.New("table directory out of range")
	}

	// The offset table (sfnt version, numTables, searchRange, entrySelector, rangeShift)
	// is copied as is: those values depend only on numTables.
	headerLen := 12 + 16*numTables
	out := make([]byte, headerLen, len(ttc))
	copy(out, ttc[dir:dir+12])
	headAt := -1
	for i := 0; i < numTables; i++ {
		rec := ttc[recs+16*i : recs+16*i+16]
		off, length := int(be.Uint32(rec[8:])), int(be.Uint32(rec[12:]))
		if off < 0 || length < 0 || off+length > len(ttc) {
			return nil, fmt.Errorf("table %q out of range", rec[:4])
		}
		newOff := len(out)
		if string(rec[:4]) == "head" {
			headAt = newOff
		}
		out = append(out, ttc[off:off+length]...)
		for len(out)%4 != 0 { // tables start on 4-byte boundaries, padded with zeros
			out = append(out, 0)
		}
		w := out[12+16*i:]
		copy(w[:8], rec[:8]) // tag and checksum are unchanged
		be.PutUint32(w[8:], uint32(newOff))
		be.PutUint32(w[12:], uint32(length))
	}
	if headAt < 0 || headAt+12 > len(out) {
		return nil, errors.New("no head table")
	}
	// checkSumAdjustment = 0xB1B0AFBA − checksum of the whole file with the field set to 0.
	be.PutUint32(out[headAt+8:], 0)
	be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out, nil
}

// checksum is the OpenType table checksum: the sum of big-endian uint32 words, the data
// padded with zeros to a multiple of four.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += be.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += be.Uint32(last[:])
	}
	return sum
}
