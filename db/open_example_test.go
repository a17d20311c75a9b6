package db_test

import (
	"context"
	"fmt"
	"log"

	"github.com/mediq/mediq/db"
)

// Open the embedded database and ask it a question: no files, no loader.
func ExampleOpen() {
	ctx := context.Background()
	h, err := db.Open(ctx)
	if err != nil {
		log.Fatal(err)
	}
	defer h.Close()

	var raw, unit, issuer string
	var value float64
	err = h.QueryRowContext(ctx, `
		SELECT raw, value, unit, issuer FROM figures
		WHERE raw = '34.79亿元'`).Scan(&raw, &value, &unit, &issuer)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s = %.0f %s (%s)\n", raw, value, unit, issuer)
	// Output: 34.79亿元 = 3479000000 元 (广西壮族自治区卫生健康委员会)
}
