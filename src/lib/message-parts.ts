/**
 * A sentence from the message catalogue cut at its values, so the page can draw a value as a
 * link or in bold where the language puts it: "Open any part of {offer} and press {save}." gives
 * the text before, `{ name: 'offer', text }`, the text between, and so on. Words are never
 * pieced together from fragments, whose order differs from language to language.
 */
export type MessagePart<Name extends string> = { name: Name | null; text: string };

const MARK = '\u0000';

export function messageParts<Name extends string>(
	message: (inputs: Record<Name, string>) => string,
	values: Record<Name, string>
): MessagePart<Name>[] {
	const names = Object.keys(values) as Name[];
	const marked = message(
		Object.fromEntries(names.map((name, index) => [name, `${MARK}${index}${MARK}`])) as Record<
			Name,
			string
		>
	);
	return marked
		.split(MARK)
		.map((piece, index) => {
			if (index % 2 === 0) {
				return { name: null, text: piece };
			}
			const name = names[Number(piece)];
			return { name, text: values[name] };
		})
		.filter((part) => part.text !== '');
}
