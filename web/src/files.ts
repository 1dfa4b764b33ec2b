// Files the server sends (exports, reports, attachments) saved through the browser's own download.

/** Hands a downloaded file to the browser's own download, under `filename`. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  // Freed a little later: revoking at once can cancel a download the browser has not started.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
