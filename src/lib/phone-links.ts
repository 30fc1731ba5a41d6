/** A `tel:` or `sms:` address from a number as people write it ("116 123"). */
export function telHref(number: string) {
	return `tel:${number.replaceAll(' ', '')}`;
}

export function smsHref(number: string, body?: string) {
	const address = `sms:${number.replaceAll(' ', '')}`;
	return body ? `${address}?&body=${encodeURIComponent(body)}` : address;
}
