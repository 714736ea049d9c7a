// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ReplyBody, RequestBody } from "../../engine/protocol";
import { setEngine } from "../../state/bridge";
import { useShell } from "../../state/shell";
import { useKubelab } from "../../state/store";
import { FatalBanner } from "./FatalBanner";
import { formatSimClock } from "./clockFormat";
import { Header } from "./Header";

let sent: RequestBody[] = [];

beforeEach(() => {
  sent = [];
  setEngine({
    request(body): Promise<ReplyBody> {
      sent.push(body);
      return Promise.resolve({ kind: "ok" });
    },
  });
  useShell.setState({ speed: 1, paused: false, starting: false });
  useKubelab.setState({ connected: true, fatal: undefined, theme: "light", clock: { now: 125_000, wallTime: "2025-01-01T00:02:05Z", paused: false, speed: 1 } });
});

afterEach(cleanup);

describe("Header", () => {
  it("shows the simulated clock with its wall time", () => {
    render(<Header />);
    const clock = screen.getByRole("timer", { name: "Simulated clock" });
    expect(clock.textContent).toBe("0:02:05");
    expect(clock.getAttribute("title")).toBe("Simulated time: 2025-01-01T00:02:05Z");
  });

  it("sends Pause, Play, Speed, Step and Skip ahead to the engine", async () => {
    render(<Header />);
    fireEvent.click(screen.getByRole("button", { name: "Pause" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Play" })).toBeTruthy());
    fireEvent.click(screen.getByRole("button", { name: "Play" }));
    fireEvent.change(screen.getByRole("combobox", { name: "Speed" }), { target: { value: "25" } });
    fireEvent.click(screen.getByRole("button", { name: "Step" }));
    fireEvent.click(screen.getByRole("button", { name: "Skip ahead" }));
    await waitFor(() => expect(sent).toHaveLength(5));
    expect(sent).toEqual([{ kind: "clock", paused: true }, { kind: "clock", paused: false }, { kind: "clock", speed: 25 }, { kind: "step" }, { kind: "skip" }]);
    expect(useShell.getState()).toMatchObject({ speed: 25, paused: true });
  });

  it("offers every speed from 0.5x to 100x", () => {
    render(<Header />);
    const options = [...(screen.getByRole("combobox", { name: "Speed" }) as HTMLSelectElement).options].map((o) => o.textContent);
    expect(options).toEqual(["0.5×", "1×", "2×", "5×", "10×", "25×", "50×", "100×"]);
  });

  it("switches the theme on <html>", () => {
    render(<Header />);
    expect(document.documentElement.dataset.theme).toBe("light");
    fireEvent.click(screen.getByRole("button", { name: "Switch to dark theme" }));
    expect(document.documentElement.dataset.theme).toBe("dark");
    expect(screen.getByRole("button", { name: "Switch to light theme" })).toBeTruthy();
  });

  it("disables the time controls while the engine is down", () => {
    useKubelab.setState({ fatal: "TypeError: boom" });
    render(<Header />);
    expect((screen.getByRole("button", { name: "Step" }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe("FatalBanner", () => {
  it("says the engine stopped and offers Restart", () => {
    const { container } = render(<FatalBanner />);
    expect(container.textContent).toBe("");
    act(() => useKubelab.getState().setFatal("TypeError: boom"));
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("The simulation engine stopped. TypeError: boom");
    expect(screen.getByRole("button", { name: "Restart" })).toBeTruthy();
  });
});

describe("formatSimClock", () => {
  it("reads like an uptime", () => {
    expect(formatSimClock(0)).toBe("0:00:00");
    expect(formatSimClock(125_999)).toBe("0:02:05");
    expect(formatSimClock(3_600_000 * 25 + 61_000)).toBe("1d 1:01:01");
  });
});
