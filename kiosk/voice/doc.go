// Package voice builds the spoken hall-display call — a chime, then "Mời
// công dân có số thứ tự B không không một hai đến quầy số ba" — by joining
// short clips of a voice pack into one WAV.
//
// A pack is a set of mono or stereo 16-bit PCM WAV files, all at one sample
// rate, named after their clip (the name plus ".wav", ASCII only):
//
//	chime                    a short two-tone chime
//	phrase_moi_cong_dan      "mời công dân có số thứ tự"
//	phrase_den_quay_so       "đến quầy số"
//	letter_a … letter_z      the letter's Vietnamese name ("a", "bê", "xê", …)
//	digit_0 … digit_9        "không", "một", "hai", … "chín"
//	num_muoi                 "mười"  (10-19)
//	num_muoi2                "mươi"  (20 and up)
//	num_mot2                 "mốt"   (1 after "mươi": 21)
//	num_lam                  "lăm"   (5 after "mười"/"mươi": 15, 25)
//	num_tu                   "tư"    (4 after "mươi": 24)
//	num_tram                 "trăm"
//	num_linh                 "linh"  (a zero tens digit: 105)
//	num_nghin                "nghìn"
//
// Clips lists them all. The default pack (made by scripts/voicepack.sh with
// espeak-ng) is embedded; a centre can drop a directory of human recordings
// with the same file names in its place (see Load).
package voice
