using System.Globalization;

namespace ImageCacheFunctions.ImageCaches.Prune;

/// <summary>
/// The per-run limit that keeps a clock or API bug from wiping the fleet: above it, nothing is
/// deleted. Both limits apply; the fraction one only once more than <see cref="FractionFloor"/>
/// caches would go, so that a small fleet can still lose its one expired cache.
/// </summary>
/// <param name="MaxDeletions">At most this many deletions per run.</param>
/// <param name="MaxFraction">At most this fraction (0..1] of the fleet per run.</param>
/// <param name="FractionFloor">Deletions up to this count are never stopped by the fraction limit.</param>
public sealed record PruneCap(int MaxDeletions, double MaxFraction, int FractionFloor)
{
    /// <summary>Null when <paramref name="deletions"/> out of <paramref name="fleetSize"/> is allowed, else why not.</summary>
    public string? Exceeded(int deletions, int fleetSize)
    {
        if (deletions > MaxDeletions)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{deletions} caches selected, more than the limit of {MaxDeletions} per run");
        }

        if (deletions > FractionFloor && fleetSize > 0 && deletions > MaxFraction * fleetSize)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{deletions} of {fleetSize} caches selected ({(double)deletions / fleetSize:P0}), more than the limit of {MaxFraction:P0} of the fleet per run");
        }

        return null;
    }
}
