// Outcomes for units and headquarters (issue 6).
export {};
