using ImageCacheFunctions.Emulators.Eci.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ImageCacheFunctions.Emulators.Eci.Admin;

/// <summary>
/// The emulator's own control endpoints under <c>/_emulator/</c> (not part of ECI): calls, faults,
/// clock and test hooks, so the local gateway and shell scripts can drive what tests drive in code.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app, EciEmulator emulator)
    {
        var admin = app.MapGroup("/_emulator");
        admin.MapGet("/", () => Results.Ok(new
        {
            emulator = "eci",
            regionId = emulator.RegionId,
            accessKeyId = EmulatorTestCredentials.AccessKeyId,
            now = emulator.Clock.GetUtcNow(),
            frozenClock = emulator.Clock.IsFrozen,
            imageCaches = emulator.ImageCacheCount,
        }));
        admin.MapGet("/calls", () => Results.Ok(emulator.Calls.Snapshot()));
        admin.MapDelete("/calls", () =>
        {
            emulator.Calls.Clear();
            return Results.NoContent();
        });
        admin.MapGet("/faults", () => Results.Ok(emulator.Faults.Settings));
        admin.MapPut("/faults", (FaultSettings settings) =>
        {
            if (settings.ThrottlingRate is < 0 or > 1 || settings.ServerErrorRate is < 0 or > 1 || settings.LatencyMilliseconds < 0)
            {
                return Results.Problem("Rates must be within 0..1 and latencyMilliseconds must not be negative.", statusCode: 400);
            }

            emulator.Faults.Settings = settings;
            return Results.Ok(settings);
        });
        admin.MapPost("/faults/next", (InjectedFault fault, int? times) =>
        {
            if (fault.StatusCode is < 400 or > 599 || string.IsNullOrWhiteSpace(fault.Code) || times is < 1 or > 1000)
            {
                return Results.Problem("statusCode must be 400..599, code must be set and times 1..1000.", statusCode: 400);
            }

            emulator.Faults.Enqueue(fault, times ?? 1);
            return Results.Accepted();
        });
        admin.MapDelete("/faults", () =>
        {
            emulator.Faults.Reset();
            return Results.NoContent();
        });
        admin.MapGet("/clock", () => Results.Ok(new { now = emulator.Clock.GetUtcNow(), frozen = emulator.Clock.IsFrozen }));
        admin.MapPost("/clock/advance", (AdvanceClock body) =>
        {
            if (body.Seconds is < 0 or > 100L * 365 * 24 * 3600)
            {
                return Results.Problem("seconds must be between 0 and 100 years.", statusCode: 400);
            }

            emulator.Clock.Advance(TimeSpan.FromSeconds(body.Seconds));
            return Results.Ok(new { now = emulator.Clock.GetUtcNow() });
        });
        admin.MapPut("/imagecaches/{id}/last-matched-time", (string id, LastMatchedTime body) =>
            emulator.SetLastMatchedTime(id, body.Time) ? Results.NoContent() : Results.Problem($"No image cache {id}.", statusCode: 404));
        admin.MapPut("/registries/{host}", (string host, RegistryRules body) =>
        {
            if (body.Unreachable is bool unreachable)
            {
                emulator.SetRegistryUnreachable(host, unreachable);
            }

            if (body.Private is bool isPrivate)
            {
                emulator.SetRegistryPrivate(host, isPrivate);
            }

            return Results.NoContent();
        });
    }

    /// <summary>Body of <c>POST /_emulator/clock/advance</c>.</summary>
    /// <param name="Seconds">How far to move the clock.</param>
    internal sealed record AdvanceClock(double Seconds);

    /// <summary>Body of <c>PUT /_emulator/imagecaches/{id}/last-matched-time</c>.</summary>
    /// <param name="Time">The time, or null to clear.</param>
    internal sealed record LastMatchedTime(DateTimeOffset? Time);

    /// <summary>Body of <c>PUT /_emulator/registries/{host}</c>.</summary>
    /// <param name="Unreachable">Make pulls from the registry fail.</param>
    /// <param name="Private">Require a credential for the registry.</param>
    internal sealed record RegistryRules(bool? Unreachable, bool? Private);
}
