// Command cliplist prints every clip of the voice pack, one a line, as
// "name<TAB>Vietnamese text"; scripts/voicepack.sh reads it to know what to
// synthesise (the chime has no text).
package main

import (
	"fmt"

	"github.com/motcua/kiosk/kiosk/voice"
)

func main() {
	for _, c := range voice.Clips() {
		fmt.Printf("%s\t%s\n", c.Name, c.Say)
	}
}
