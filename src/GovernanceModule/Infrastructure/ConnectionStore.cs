using System;
using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// The current connection of each kind (OIG, NERM, ISC) for one runspace. Kept per runspace, not in a plain
    /// static, so that runspaces (jobs, ForEach-Object -Parallel, hosted automation) never see each other's sessions.
    /// </summary>
    internal sealed class ConnectionStore
    {
        private static readonly ConditionalWeakTable<Runspace, ConnectionStore> Stores = new ConditionalWeakTable<Runspace, ConnectionStore>();

        private readonly Dictionary<Type, IDisposable> current = new Dictionary<Type, IDisposable>();

        public static ConnectionStore Current => Stores.GetValue(Runspace.DefaultRunspace, _ => new ConnectionStore());

        public T? Get<T>()
            where T : class, IDisposable =>
            current.TryGetValue(typeof(T), out var connection) ? (T)connection : null;

        /// <summary>Makes the connection the current one of its kind, closing the one it replaces.</summary>
        public void Set<T>(T connection)
            where T : class, IDisposable
        {
            if (current.TryGetValue(typeof(T), out var previous) && !ReferenceEquals(previous, connection))
            {
                previous.Dispose();
            }

            current[typeof(T)] = connection;
        }

        /// <summary>Stops <paramref name="connection"/> being the current one of its kind, if it is; true when it was.</summary>
        public bool Forget<T>(T connection)
            where T : class, IDisposable
        {
            if (current.TryGetValue(typeof(T), out var held) && ReferenceEquals(held, connection))
            {
                return current.Remove(typeof(T));
            }

            return false;
        }

        /// <summary>Closes the current connection of this kind, if any: none is current afterwards.</summary>
        public void Drop<T>()
            where T : class, IDisposable
        {
            if (current.TryGetValue(typeof(T), out var previous))
            {
                current.Remove(typeof(T));
                previous.Dispose();
            }
        }

        public void Clear()
        {
            foreach (var connection in current.Values)
            {
                connection.Dispose();
            }

            current.Clear();
        }
    }
}
