package text

// Fleet alerts: a kiosk's printer paper, shown as a banner on the counters'
// and staff screens of the centre (event fleet:alert). %s is the kiosk's name.
// FleetPaperOK ends the banner: the kiosk's paper was replaced.
var (
	FleetPaperNearEnd = msg("Máy %s sắp hết giấy in phiếu. Vui lòng thay cuộn giấy mới sớm.",
		"Kiosk %s is running low on ticket paper. Please load a new roll soon.")
	FleetPaperOut = msg("Máy %s đã hết giấy in phiếu: người dân không nhận được phiếu. Vui lòng thay cuộn giấy ngay.",
		"Kiosk %s is out of ticket paper: citizens get no ticket. Please load a new roll now.")
	FleetPaperOK = msg("Máy %s đã được thay giấy in phiếu, in phiếu bình thường trở lại.",
		"Kiosk %s has new ticket paper: tickets print again.")
)
