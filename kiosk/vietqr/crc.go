package vietqr

// CRC16 is CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF,
// input and output not reflected, no final XOR. Its check value, over
// "123456789", is 0x29B1. VietQR computes it over every byte of the payload
// up to and including the literal "6304".
func CRC16(data []byte) uint16 {
	crc := uint16(0xFFFF)
	for _, c := range data {
		crc = crc<<8 ^ crcTable[byte(crc>>8)^c]
	}
	return crc
}

// crcTable[i] is the CRC register after shifting byte i through 8 steps.
var crcTable = func() (t [256]uint16) {
	for i := range t {
		r := uint16(i) << 8
		for range 8 {
			if r&0x8000 != 0 {
				r = r<<1 ^ 0x1021
			} else {
				r <<= 1
			}
		}
		t[i] = r
	}
	return t
}()

// crc16Bitwise is the bit-at-a-time definition, kept to check the table.
func crc16Bitwise(data []byte) uint16 {
	crc := uint16(0xFFFF)
	for _, c := range data {
		crc ^= uint16(c) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return crc
}
