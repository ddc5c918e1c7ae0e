// Every Vietnamese and English string of the centre's pages, in one place.
// Citizens read Vietnamese first, English second: pages show vi large and
// en smaller beneath or beside it.

export interface VE {
  vi: string
  en: string
}

export const S = {
  building: { vi: 'Trang này đang xây dựng', en: 'This page is under construction' },
  pageCounter: { vi: 'Quầy tiếp nhận', en: 'Counter' },
  pageRating: { vi: 'Đánh giá mức độ hài lòng', en: 'Rate our service' },
  pageReports: { vi: 'Báo cáo', en: 'Reports' },

  hallTitle: { vi: 'Mời công dân đến quầy', en: 'Now serving' },
  latestCall: { vi: 'Vừa gọi', en: 'Just called' },
  recentCalls: { vi: 'Số vừa gọi', en: 'Recent calls' },
  waitingTitle: { vi: 'Đang chờ', en: 'Waiting' },
  noCallYet: { vi: 'Chưa gọi số nào', en: 'No number called yet' },
  counterFree: { vi: 'Sẵn sàng', en: 'Ready' },
  counterPaused: { vi: 'Tạm dừng', en: 'Paused' },
  statusCalled: { vi: 'Mời đến quầy', en: 'Please come' },
  statusServing: { vi: 'Đang phục vụ', en: 'Serving' },
  recall: { vi: 'Gọi lại', en: 'Recall' },

  linkOk: { vi: 'Đã kết nối', en: 'Connected' },
  linkRetrying: { vi: 'Đang kết nối lại', en: 'Reconnecting' },
  linkDown: { vi: 'Mất kết nối', en: 'Disconnected' },
  stale: { vi: 'Mất kết nối với trung tâm — thông tin dưới đây có thể đã cũ', en: 'Lost contact with the centre — what is shown may be out of date' },
  updatedAt: { vi: 'Cập nhật lúc', en: 'Updated at' },
  unpaired: { vi: 'Màn hình chưa được ghép với trung tâm: mở lại trang với ?token=…', en: 'This screen is not paired with the centre: open the page again with ?token=…' },

  autoplayBlocked: {
    vi: 'Trình duyệt chặn âm thanh — chạm vào màn hình một lần, hoặc chạy Chromium với --autoplay-policy=no-user-gesture-required',
    en: 'The browser blocks sound — tap the screen once, or run Chromium with --autoplay-policy=no-user-gesture-required',
  },

  unreachable: { vi: 'Không liên lạc được với trung tâm', en: 'Cannot reach the centre' },

  // ── Counter page (/counter/) ──

  // ── Rating page (/rating/) ──

  // ── Reports page (/reports/) ──
} satisfies Record<string, VE>

/** counter is "Quầy 3" / "Counter 3". */
export function counterName(c: string): VE {
  return { vi: `Quầy ${c}`, en: `Counter ${c}` }
}

/** people waiting: "3 người chờ" / "3 waiting". */
export function waiting(n: number): VE {
  return { vi: `${n} người chờ`, en: `${n} waiting` }
}

/** estWait reads an estimated wait in seconds: "khoảng 15 phút"; "—" when unknown (-1). */
export function estWait(seconds: number): VE {
  if (!(seconds >= 0)) return { vi: '—', en: '—' }
  const min = Math.max(1, Math.round(seconds / 60))
  if (min < 60) return { vi: `khoảng ${min} phút`, en: `about ${min} min` }
  const h = Math.floor(min / 60)
  const m = min % 60
  return m === 0
    ? { vi: `khoảng ${h} giờ`, en: `about ${h} h` }
    : { vi: `khoảng ${h} giờ ${m} phút`, en: `about ${h} h ${m} min` }
}

/** status of the ticket at a counter. */
export function ticketStatus(status: string): VE | null {
  switch (status) {
    case 'called':
      return S.statusCalled
    case 'serving':
      return S.statusServing
  }
  return null
}

/** clock is HH:MM:SS in Vietnam's 24-hour style. */
export function clock(d: Date, seconds = true): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getHours())}:${p(d.getMinutes())}` + (seconds ? `:${p(d.getSeconds())}` : '')
}
