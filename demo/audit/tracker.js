/* A third-party "tracker" of the audit demo: it sets a visitor id in the page's own cookies. */
document.cookie = 'trk_uid=' + Math.random().toString(36).slice(2) + '; path=/; max-age=31536000; SameSite=Lax';
