package text

// Whole-kiosk problems shown on the fault screen.
var (
	KioskReconfiguring = msg("Máy đang được cấu hình lại. Vui lòng liên hệ cán bộ tại quầy.",
		"This kiosk is being reconfigured. Please ask the staff at the counter.")
	KioskOutOfService = msg("Máy tạm ngừng phục vụ. Vui lòng liên hệ cán bộ tại quầy.",
		"This kiosk is temporarily out of service. Please ask the staff at the counter.")
	CatalogUpdating = msg("Danh mục thủ tục đang được cập nhật.",
		"The procedure list is being updated.")
)
