window.ran.push('analytics-external');
document.cookie = '_ga=GA1.1.12345; path=/';
document.cookie = '_ga_XYZ=GS1.1.1; path=/';
