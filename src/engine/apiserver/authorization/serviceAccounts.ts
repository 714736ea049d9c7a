// Service account identities: the username and groups a ServiceAccount token authenticates as.
// mirrors MakeUsername, SplitUsername, MatchesUsername, MakeGroupNames
// (k8s.io/apiserver/pkg/authentication/serviceaccount/util.go).
import { isDNS1123Label, isDNS1123Subdomain } from "../../apimachinery/validation";
import { AllAuthenticated, type UserInfo } from "./types";

export const ServiceAccountUsernamePrefix = "system:serviceaccount:";
export const ServiceAccountGroupPrefix = "system:serviceaccounts:";
export const AllServiceAccountsGroup = "system:serviceaccounts";

export function makeUsername(namespace: string, name: string): string {
  return `${ServiceAccountUsernamePrefix}${namespace}:${name}`;
}

/** [namespace, name] of a service account username, or undefined when it is not one. */
export function splitUsername(username: string): [string, string] | undefined {
  if (!username.startsWith(ServiceAccountUsernamePrefix)) return undefined;
  const parts = username.slice(ServiceAccountUsernamePrefix.length).split(":");
  if (parts.length !== 2) return undefined;
  const [namespace, name] = parts as [string, string];
  // ValidateNamespaceName (a DNS-1123 label) and ValidateServiceAccountName (a DNS-1123 subdomain).
  if (isDNS1123Label(namespace).length > 0 || isDNS1123Subdomain(name).length > 0) return undefined;
  return [namespace, name];
}

export function matchesServiceAccountUsername(namespace: string, name: string, username: string): boolean {
  return username === makeUsername(namespace, name);
}

export function makeGroupNames(namespace: string): string[] {
  return [AllServiceAccountsGroup, `${ServiceAccountGroupPrefix}${namespace}`];
}

/** What a pod's token of `namespace/name` authenticates as. */
export function serviceAccountUser(namespace: string, name: string): UserInfo {
  return { name: makeUsername(namespace, name), groups: [...makeGroupNames(namespace), AllAuthenticated] };
}
