namespace NPCS.Reviews.TestSupport;

/// <summary>Where the repository is on disk, for tests that read its files or write into it.</summary>
public static class Repository
{
    /// <summary>The folder holding NPCS.Reviews.sln, found by walking up from the test binaries.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NPCS.Reviews.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"NPCS.Reviews.sln not found above {AppContext.BaseDirectory}.");
    }
}
