/** An amount in pence as pounds: £100, £49.99. */
export function formatPounds(pence: number) {
	return `£${(pence / 100).toLocaleString('en-GB', {
		minimumFractionDigits: pence % 100 === 0 ? 0 : 2,
		maximumFractionDigits: 2
	})}`;
}
