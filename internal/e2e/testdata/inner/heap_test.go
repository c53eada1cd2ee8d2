// A helper shared by the inner test modules (faults, uploads): innerHelper
// in internal/e2e copies it in, its package clause renamed.
package inner

import (
	"runtime"
	"sync/atomic"
	"time"
)

// heapGrowth is how much the heap grew while f ran: the peak of HeapAlloc,
// sampled every 5 ms, over its value before (garbage collected).
func heapGrowth(f func()) int64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var peak atomic.Int64
	done := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
				runtime.ReadMemStats(&m)
				if v := int64(m.HeapAlloc); v > peak.Load() {
					peak.Store(v)
				}
			}
		}
	}()
	f()
	close(done)
	runtime.ReadMemStats(&after)
	return max(peak.Load(), int64(after.HeapAlloc)) - int64(before.HeapAlloc)
}
