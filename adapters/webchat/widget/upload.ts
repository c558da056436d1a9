/** Uploads one photo with XHR (fetch has no upload progress), resolving to the server's attachment id. */
export function uploadPhoto(
  url: string,
  token: string,
  file: Blob,
  onProgress: (percent: number) => void,
): Promise<{ attachmentId: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (ev) => ev.lengthComputable && onProgress(Math.round((ev.loaded / ev.total) * 100));
    xhr.onload = () => {
      let body: { attachmentId?: string; message?: string } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: reported below */
      }
      if (xhr.status === 200 && body.attachmentId) resolve({ attachmentId: body.attachmentId });
      else reject(new Error(body.message || `HTTP ${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error(''));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}
