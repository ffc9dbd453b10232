package io.driftless.render.kustomize.yaml;

import java.util.Comparator;

/**
 * The order kustomize's output writer gives map keys: letters compare by code point, a non-letter
 * sorts before a letter, and runs of digits compare as numbers ({@code a9 < a09 < a10}).
 */
public final class KeyOrder implements Comparator<String> {
  public static final KeyOrder INSTANCE = new KeyOrder();

  private KeyOrder() {}

  @Override
  public int compare(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    return less(a, b) ? -1 : 1;
  }

  private static boolean less(String as, String bs) {
    int[] a = as.codePoints().toArray();
    int[] b = bs.codePoints().toArray();
    for (int i = 0; i < a.length && i < b.length; i++) {
      if (a[i] == b[i]) {
        continue;
      }
      boolean al = Character.isLetter(a[i]);
      boolean bl = Character.isLetter(b[i]);
      if (al && bl) {
        return a[i] < b[i];
      }
      if (al || bl) {
        return bl;
      }
      long an = 0;
      long bn = 0;
      if (a[i] == '0' || b[i] == '0') {
        for (int j = i - 1; j >= 0 && Character.isDigit(a[j]); j--) {
          if (a[j] != '0') {
            an = 1;
            bn = 1;
            break;
          }
        }
      }
      int ai = i;
      while (ai < a.length && Character.isDigit(a[ai])) {
        an = an * 10 + (a[ai] - '0');
        ai++;
      }
      int bi = i;
      while (bi < b.length && Character.isDigit(b[bi])) {
        bn = bn * 10 + (b[bi] - '0');
        bi++;
      }
      if (an != bn) {
        return an < bn;
      }
      if (ai != bi) {
        return ai < bi;
      }
      return a[i] < b[i];
    }
    return a.length < b.length;
  }
}
