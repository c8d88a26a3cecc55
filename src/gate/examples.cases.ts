/** Test data of the gate tests (not part of the build). */

/**
 * The `gate` of "The rules" in docs/guides/deployment-gates.md: every kind of rule and window.
 * A test checks that the guide still shows exactly this.
 */
export const GUIDE_EXAMPLE = `
gate:
  branches: [main, "release/*"]
  requireApproval: true
  timeZone: Europe/Berlin
  blackouts:
    - name: weekend
      days: [sat, sun]
    - name: year-end freeze
      from: "2026-12-20T00:00"
      to: "2027-01-04T00:00"
      timeZone: America/New_York
  maintenance:
    - name: weeknights
      days: [mon, tue, wed, thu]
      start: "22:00"
      end: "02:00"
`;
