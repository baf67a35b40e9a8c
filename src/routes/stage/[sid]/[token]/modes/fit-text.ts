import type { Attachment } from 'svelte/attachments';

/** Never below this share of the CSS size: past it the text is cut by the box instead. */
const MIN_SHARE = 0.3;
/** Halvings of the search: 8 steps are well under a pixel at projector sizes. */
const STEPS = 8;

function fits(box: HTMLElement): boolean {
	return box.scrollHeight <= box.clientHeight + 1 && box.scrollWidth <= box.clientWidth + 1;
}

/**
 * Shrinks a box's type until its content fits (a question of up to 500 characters plus a reply,
 * on any projector). The box needs a size of its own (a grid cell, `min-height: 0`, overflow
 * hidden); its children size themselves in `em`. The CSS font size is the largest allowed.
 * `content` is what is shown: the attachment is made anew, and measures again, when it changes,
 * and whenever the box changes size.
 */
export function fitText(content: string): Attachment<HTMLElement> {
	return (box) => {
		void content;
		const fit = () => {
			box.style.fontSize = '';
			if (fits(box)) return;
			const max = parseFloat(getComputedStyle(box).fontSize);
			let lo = max * MIN_SHARE;
			let hi = max;
			for (let i = 0; i < STEPS; i++) {
				const mid = (lo + hi) / 2;
				box.style.fontSize = `${mid}px`;
				if (fits(box)) lo = mid;
				else hi = mid;
			}
			box.style.fontSize = `${lo}px`;
		};
		// Also reports the first size at once, after layout: the text is in the DOM by then.
		const observer = new ResizeObserver(fit);
		observer.observe(box);
		return () => {
			observer.disconnect();
			box.style.fontSize = '';
		};
	};
}
